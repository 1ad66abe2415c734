import { defineLibrary } from '@cloutapi/tsdown-config';

export default defineLibrary();
