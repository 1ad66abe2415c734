export const placeholder = 'simulator';
