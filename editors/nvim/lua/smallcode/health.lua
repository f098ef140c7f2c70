-- :checkhealth smallcode
local M = {}

function M.check()
  local health = vim.health
  health.start("smallcode")
  if vim.fn.has("nvim-0.11") == 1 then
    health.ok("Neovim " .. tostring(vim.version()))
  else
    health.error("Neovim 0.11 or newer is needed (vim.lsp.config / vim.lsp.enable)")
  end
  local smallcode = require("smallcode")
  local cmd = smallcode.config.cmd
  local exe = type(cmd) == "table" and cmd[1] or nil
  if type(cmd) == "function" then
    health.info("cmd is a function: not checked")
  elseif exe and vim.fn.executable(exe) == 1 then
    health.ok(("server: %s (%s)"):format(exe, vim.fn.exepath(exe)))
  else
    health.error(
      ("server executable %q not found"):format(tostring(exe)),
      { "pip install smallcode-ls (in a venv), then put its bin/ on PATH or pass cmd = { '/path/to/smallcode-ls' } to setup()" }
    )
  end
  local clients = vim.lsp.get_clients({ name = "smallcode" })
  if #clients == 0 then
    health.info("no smallcode-ls client running (open a python/javascript/typescript/go file)")
  end
  for _, client in ipairs(clients) do
    health.ok(("client %d running, root %s"):format(client.id, tostring(client.root_dir)))
    local provider = client.server_capabilities.executeCommandProvider
    local commands = type(provider) == "table" and provider.commands or {}
    if vim.list_contains(commands, "smallcode.fix") then
      health.ok("server offers: " .. table.concat(commands, ", "))
    else
      health.warn("server does not list the smallcode.* commands: is it an old smallcode-ls?")
    end
  end
end

return M
