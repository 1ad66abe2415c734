# Claude Code: the password comes from ~/cloutility-api-client.yaml or the environment claude runs in.
claude mcp add cloutapi -e CLOUTAPI_URL=https://portal-api.example.net -e CLOUTAPI_CLIENT_ID=your-client-id -e CLOUTAPI_ORIGIN=https://your.origin.example -e CLOUTAPI_USERNAME=assistant@example.net -- npx -y @cloutapi/mcp-server
