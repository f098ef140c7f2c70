-- smallcode.nvim: a thin Neovim (0.11+) client for the smallcode-ls language server.
--
-- Everything the server offers is standard LSP (code actions, commands,
-- work-done progress, workspace/applyEdit) plus `smallcode/ask`; see
-- editors/PROTOCOL.md. This module only adds conveniences: user commands, an
-- input box for `smallcode.edit`, a window for answers, progress messages.

local M = {}

local NAME = "smallcode"
local KINDS = { "begin", "report", "end" }

local defaults = {
  cmd = { "smallcode-ls" },
  filetypes = { "python", "javascript", "typescript", "go" },
  root_markers = { ".git", "pyproject.toml", "package.json", "go.mod" },
  -- The settings table of editors/PROTOCOL.md (model, escalation, agent, index).
  settings = {},
  -- true for the default keymaps, false for none, or a table overriding some
  -- of them (a key set to false is not mapped).
  keymaps = false,
  -- "notify": progress messages through vim.notify; "status": only kept for
  -- require("smallcode").status() (statusline); false: neither.
  progress = "notify",
  -- Where answers (ask, explain) go: "float" or "split".
  answer = "float",
  -- Extra fields for vim.lsp.config (capabilities, on_attach, handlers, ...).
  lsp = {},
}

local default_keymaps = {
  ask = "<leader>sa",
  fix = "<leader>sf",
  fix_file = "<leader>sF",
  edit = "<leader>se",
  explain = "<leader>sx",
  status = "<leader>ss",
  cancel = "<leader>sc",
}

M.config = vim.deepcopy(defaults)

-- token -> {client_id, title, message, percentage}; what is running right now.
local active = {}
local last_notified = {}
-- partialResultToken -> answer view, for smallcode/askPartial.
local asks = {}
local next_ask = 0
local augroup = vim.api.nvim_create_augroup("smallcode", { clear = true })

-- -- helpers -----------------------------------------------------------------

local function notify(message, level)
  vim.notify("smallcode: " .. message, level or vim.log.levels.INFO)
end

--- The smallcode client for a buffer, else any running smallcode client.
--- @param bufnr? integer
--- @return vim.lsp.Client?
function M.client(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local clients = vim.lsp.get_clients({ name = NAME, bufnr = bufnr })
  if #clients == 0 then
    clients = vim.lsp.get_clients({ name = NAME })
  end
  return clients[1]
end

local function require_client(bufnr)
  local client = M.client(bufnr)
  if not client then
    notify("no smallcode-ls client is running (is the filetype one of " .. table.concat(M.config.filetypes, ", ") .. "?)", vim.log.levels.WARN)
  end
  return client
end

local function uri(bufnr)
  return vim.uri_from_bufnr(bufnr)
end

--- UTF-16 (or the client's encoding) column of byte `col` on 0-based `line`.
local function char_col(bufnr, line, col, encoding)
  local text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1] or ""
  return vim.str_utfindex(text, encoding or "utf-16", math.min(col, #text), false)
end

local function position(client, win)
  win = win or 0
  return vim.lsp.util.make_position_params(win, client.offset_encoding).position
end

--- An LSP range for 1-based lines `first`..`last`, whole lines.
local function line_range(bufnr, first, last, encoding)
  local last_text = vim.api.nvim_buf_get_lines(bufnr, last - 1, last, false)[1] or ""
  return {
    start = { line = first - 1, character = 0 },
    ["end"] = { line = last - 1, character = char_col(bufnr, last - 1, #last_text, encoding) },
  }
end

--- Every diagnostic on the cursor line, from any source, as LSP diagnostics:
--- Neovim itself only sends a server its own ones, and smallcode can fix any.
local function line_diagnostics(bufnr, lnum, encoding)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = lnum })) do
    local lsp_d = d.user_data and d.user_data.lsp
    if lsp_d == nil then
      lsp_d = {
        range = {
          start = { line = d.lnum, character = char_col(bufnr, d.lnum, d.col, encoding) },
          ["end"] = {
            line = d.end_lnum or d.lnum,
            character = char_col(bufnr, d.end_lnum or d.lnum, d.end_col or d.col, encoding),
          },
        },
        severity = d.severity,
        message = d.message,
        source = d.source,
        code = d.code,
      }
    end
    table.insert(out, lsp_d)
  end
  return out
end

local function command_name(action)
  if type(action.command) == "table" then
    return action.command.command
  end
  return action.command
end

-- -- answers (ask, explain) ---------------------------------------------------

local View = {}
View.__index = View

--- A scratch markdown buffer shown in a float (or a split) that can be updated.
function View.open(title)
  local buf = vim.api.nvim_create_buf(false, true)
  vim.bo[buf].bufhidden = "wipe"
  vim.bo[buf].filetype = "markdown"
  pcall(vim.api.nvim_buf_set_name, buf, "smallcode://" .. title .. "/" .. buf)
  local self = setmetatable({ buf = buf, title = title }, View)
  if M.config.answer == "split" then
    vim.cmd("botright split")
    self.win = vim.api.nvim_get_current_win()
    vim.api.nvim_win_set_buf(self.win, buf)
    vim.api.nvim_win_set_height(self.win, math.max(8, math.floor(vim.o.lines / 3)))
  else
    local width = math.min(100, math.max(40, math.floor(vim.o.columns * 0.8)))
    self.win = vim.api.nvim_open_win(buf, true, {
      relative = "editor",
      width = width,
      height = 3,
      row = math.max(1, math.floor(vim.o.lines * 0.15)),
      col = math.floor((vim.o.columns - width) / 2),
      style = "minimal",
      border = "rounded",
      title = " " .. title .. " ",
      title_pos = "center",
    })
  end
  vim.wo[self.win].wrap = true
  vim.wo[self.win].linebreak = true
  vim.wo[self.win].conceallevel = 2
  vim.keymap.set("n", "q", function()
    self:close()
  end, { buffer = buf, nowait = true, desc = "smallcode: close" })
  vim.keymap.set("n", "<Esc>", function()
    self:close()
  end, { buffer = buf, nowait = true, desc = "smallcode: close" })
  vim.api.nvim_create_autocmd("BufWipeout", {
    buffer = buf,
    once = true,
    callback = function()
      self.closed = true
      if self.on_close then
        self.on_close()
      end
    end,
  })
  return self
end

function View:set(text)
  if self.closed or not vim.api.nvim_buf_is_valid(self.buf) then
    return
  end
  local lines = vim.split(text, "\n", { plain = true })
  vim.bo[self.buf].modifiable = true
  vim.api.nvim_buf_set_lines(self.buf, 0, -1, false, lines)
  vim.bo[self.buf].modifiable = false
  if vim.api.nvim_win_is_valid(self.win) and M.config.answer ~= "split" then
    local width = vim.api.nvim_win_get_width(self.win)
    local height = 0
    for _, line in ipairs(lines) do
      height = height + math.max(1, math.ceil(vim.fn.strdisplaywidth(line) / width))
    end
    vim.api.nvim_win_set_height(self.win, math.max(1, math.min(height, math.floor(vim.o.lines * 0.7))))
  end
end

function View:close()
  if vim.api.nvim_win_is_valid(self.win or -1) then
    vim.api.nvim_win_close(self.win, true)
  end
  if vim.api.nvim_buf_is_valid(self.buf) then
    vim.api.nvim_buf_delete(self.buf, { force = true })
  end
end

--- Show markdown in a new answer window; returns the view.
function M.show_markdown(title, text)
  local view = View.open(title)
  view:set(text)
  return view
end

local function with_locations(markdown, locations, encoding)
  if not locations or #locations == 0 then
    return markdown
  end
  local items = vim.lsp.util.locations_to_items(locations, encoding or "utf-16")
  vim.fn.setqflist({}, " ", { title = "smallcode: ask", items = items })
  local lines = { markdown, "", "**References** (also in the quickfix list):" }
  for _, item in ipairs(items) do
    table.insert(lines, ("- `%s:%d`"):format(vim.fn.fnamemodify(item.filename, ":~:."), item.lnum))
  end
  return table.concat(lines, "\n")
end

-- -- commands of the server ---------------------------------------------------

--- Send `workspace/executeCommand` (never through client-side handlers).
--- @param on_result? fun(err: lsp.ResponseError?, result: any)
function M.execute(client, name, argument, bufnr, on_result)
  local params = { command = name, arguments = { argument } }
  return client:request("workspace/executeCommand", params, function(err, result)
    if on_result then
      on_result(err, result)
    elseif err then
      notify(name .. " failed: " .. err.message, vim.log.levels.ERROR)
    end
  end, bufnr)
end

--- Report a {status, message} result of a long-running command.
local function report_outcome(name)
  return function(err, result)
    if err then
      notify(name .. " failed: " .. err.message, vim.log.levels.ERROR)
      return
    end
    -- The server reports failures itself (window/showMessage) and the progress
    -- end carries the same message; only without progress notifications is
    -- this the one place the user learns how it went.
    if type(result) ~= "table" or M.config.progress == "notify" then
      return
    end
    local ok = result.status == "verified"
    notify(result.message or result.status or "done", ok and vim.log.levels.INFO or vim.log.levels.WARN)
  end
end

--- Client-side handler of `smallcode.edit`: a code action sends it without an
--- instruction; ask the user for one, then send the command with it.
local function edit_handler(command, ctx)
  local client = vim.lsp.get_client_by_id(ctx.client_id) or M.client(ctx.bufnr)
  if not client then
    return
  end
  local argument = vim.deepcopy((command.arguments or {})[1] or {})
  local function send()
    M.execute(client, "smallcode.edit", argument, ctx.bufnr, report_outcome("edit"))
  end
  if type(argument.instruction) == "string" and argument.instruction ~= "" then
    send()
    return
  end
  vim.ui.input({ prompt = "smallcode edit: " }, function(instruction)
    if instruction == nil or vim.trim(instruction) == "" then
      return
    end
    argument.instruction = instruction
    send()
  end)
end

--- Client-side handler of `smallcode.explain`: show the markdown it returns.
local function explain_handler(command, ctx)
  local client = vim.lsp.get_client_by_id(ctx.client_id) or M.client(ctx.bufnr)
  if not client then
    return
  end
  local argument = (command.arguments or {})[1] or {}
  M.execute(client, "smallcode.explain", argument, ctx.bufnr, function(err, result)
    if err then
      notify("explain failed: " .. err.message, vim.log.levels.ERROR)
    elseif type(result) == "table" and result.markdown then
      M.show_markdown("smallcode: explain", result.markdown)
    end
  end)
end

M.command_handlers = {
  ["smallcode.edit"] = edit_handler,
  ["smallcode.explain"] = explain_handler,
}

-- -- user commands -------------------------------------------------------------

--- Ask about the symbol under the cursor; the answer streams into a window.
function M.ask(question)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = require_client(bufnr)
  if not client then
    return
  end
  local function send(q)
    next_ask = next_ask + 1
    local token = ("smallcode-ask-%d"):format(next_ask)
    local params = {
      question = q,
      textDocument = { uri = uri(bufnr) },
      position = position(client),
      partialResultToken = token,
    }
    local view = View.open("smallcode: " .. q)
    view:set("_thinking…_")
    asks[token] = view
    local ok, request_id = client:request("smallcode/ask", params, function(err, result)
      asks[token] = nil
      view.on_close = nil
      if err then
        if err.code ~= -32800 then -- RequestCancelled: the user closed the window
          view:set("**smallcode: ask failed:** " .. err.message)
        end
        return
      end
      if type(result) == "table" then
        view:set(with_locations(result.markdown or "", result.locations, client.offset_encoding))
      end
    end, bufnr)
    if ok then
      view.on_close = function()
        asks[token] = nil
        client:cancel_request(request_id)
      end
    else
      view:set("**smallcode: the server is not running**")
    end
  end
  if question and vim.trim(question) ~= "" then
    send(question)
    return
  end
  local word = vim.fn.expand("<cword>")
  vim.ui.input({ prompt = "Ask smallcode: ", default = "" }, function(input)
    if input == nil then
      return
    end
    if vim.trim(input) == "" then
      input = word ~= "" and ("Explain `" .. word .. "`.") or "Explain this code."
    end
    send(input)
  end)
end

--- Fix at the cursor (smallcode quickfixes only), or the whole file with `bang`.
function M.fix(bang)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = require_client(bufnr)
  if not client then
    return
  end
  if bang then
    M.execute(client, "smallcode.fixFile", { uri = uri(bufnr) }, bufnr, report_outcome("fix file"))
    return
  end
  local lnum = vim.api.nvim_win_get_cursor(0)[1] - 1
  local diagnostics = line_diagnostics(bufnr, lnum, client.offset_encoding)
  if #diagnostics == 0 then
    notify("no diagnostic on this line (:SmallcodeFix! fixes the whole file)", vim.log.levels.WARN)
    return
  end
  vim.lsp.buf.code_action({
    context = { only = { "quickfix" }, diagnostics = diagnostics },
    filter = function(action)
      local name = command_name(action)
      if name ~= nil then
        return name == "smallcode.fix"
      end
      return action.edit == nil and type(action.title) == "string" and vim.startswith(action.title, "Fix: ")
    end,
    apply = true,
  })
end

--- Rewrite lines `first`..`last` following an instruction (asked if not given).
function M.edit(first, last, instruction)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = require_client(bufnr)
  if not client then
    return
  end
  local argument = { uri = uri(bufnr), range = line_range(bufnr, first, last, client.offset_encoding) }
  if instruction and vim.trim(instruction) ~= "" then
    argument.instruction = instruction
  end
  edit_handler({ command = "smallcode.edit", arguments = { argument } }, { bufnr = bufnr, client_id = client.id })
end

--- Explain the symbol under the cursor.
function M.explain()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = require_client(bufnr)
  if not client then
    return
  end
  explain_handler({
    command = "smallcode.explain",
    arguments = { { uri = uri(bufnr), position = position(client) } },
  }, { bufnr = bufnr, client_id = client.id })
end

--- Show the server's status (endpoint, model, graph) and what is running.
function M.show_status()
  local client = require_client()
  if not client then
    return
  end
  M.execute(client, "smallcode.status", {}, nil, function(err, result)
    if err then
      notify("status failed: " .. err.message, vim.log.levels.ERROR)
      return
    end
    result = result or {}
    local graph = result.graph or {}
    local lines = {
      ("endpoint: %s"):format(tostring(result.endpoint)),
      ("model: %s   context window: %s"):format(tostring(result.model), tostring(result.contextWindow)),
      ("graph: %s files, %s symbols, %s edges"):format(
        tostring(graph.files),
        tostring(graph.symbols),
        tostring(graph.edges)
      ),
    }
    if result.lastEscalation ~= nil and result.lastEscalation ~= vim.NIL then
      table.insert(lines, "last escalation: " .. vim.inspect(result.lastEscalation))
    end
    local running = M.status()
    if running ~= "" then
      table.insert(lines, "running: " .. running)
    end
    notify(table.concat(lines, "\n"))
  end)
end

--- Cancel every smallcode work-done progress that is running.
function M.cancel()
  local any = false
  for token, item in pairs(active) do
    local client = vim.lsp.get_client_by_id(item.client_id)
    if client then
      client:notify("window/workDoneProgress/cancel", { token = token })
      any = true
    end
  end
  for _, view in pairs(asks) do
    view:close() -- cancels its request
    any = true
  end
  if not any then
    notify("nothing is running")
  end
end

-- -- progress --------------------------------------------------------------------

--- What smallcode is doing now, for a statusline ("" when idle).
function M.status()
  local parts = {}
  for token, item in pairs(active) do
    if vim.lsp.get_client_by_id(item.client_id) == nil then
      active[token] = nil -- the server went away mid-work
    end
  end
  for _, item in pairs(active) do
    local text = item.title or "smallcode"
    if item.message and item.message ~= "" then
      text = text .. ": " .. item.message
    end
    if item.percentage then
      text = text .. (" (%d%%)"):format(item.percentage)
    end
    table.insert(parts, text)
  end
  table.sort(parts)
  return table.concat(parts, ", ")
end

local function on_progress(ev)
  local client = vim.lsp.get_client_by_id(ev.data.client_id)
  if not client or client.name ~= NAME then
    return
  end
  local params = ev.data.params or {}
  local value = params.value
  if type(value) ~= "table" or not value.kind then
    return
  end
  local token = params.token
  local item = active[token] or { client_id = client.id }
  if value.kind == "begin" then
    item.title = value.title
  end
  item.message = value.message or item.message
  item.percentage = value.percentage or item.percentage
  if value.kind == "end" then
    active[token] = nil
  else
    active[token] = item
  end
  vim.cmd("redrawstatus")
  if M.config.progress ~= "notify" then
    return
  end
  local title = item.title or "smallcode"
  local text = value.message and (title .. ": " .. value.message) or title
  local now = vim.uv.now()
  if value.kind == "report" and last_notified[token] and now - last_notified[token] < 1000 then
    return -- indexing reports every percent; one line a second is plenty
  end
  last_notified[token] = value.kind ~= "end" and now or nil
  vim.notify(text, vim.log.levels.INFO, { title = "smallcode" })
end

-- -- setup -------------------------------------------------------------------------

local function set_keymaps(bufnr)
  local keys = M.config.keymaps
  if keys == true then
    keys = default_keymaps
  elseif type(keys) == "table" then
    keys = vim.tbl_extend("force", default_keymaps, keys)
  else
    return
  end
  local function map(mode, lhs, rhs, desc)
    if lhs then
      vim.keymap.set(mode, lhs, rhs, { buffer = bufnr, desc = "smallcode: " .. desc })
    end
  end
  map("n", keys.ask, M.ask, "ask about the symbol under the cursor")
  map("n", keys.fix, function()
    M.fix(false)
  end, "fix the error at the cursor")
  map("n", keys.fix_file, function()
    M.fix(true)
  end, "fix all errors in the file")
  map("x", keys.edit, ":SmallcodeEdit<CR>", "edit the selection")
  map("n", keys.explain, M.explain, "explain the symbol under the cursor")
  map("n", keys.status, M.show_status, "status")
  map("n", keys.cancel, M.cancel, "cancel what is running")
end

local function create_commands()
  local cmd = vim.api.nvim_create_user_command
  cmd("SmallcodeAsk", function(o)
    M.ask(o.args)
  end, { nargs = "*", desc = "smallcode: ask about the symbol under the cursor" })
  cmd("SmallcodeFix", function(o)
    M.fix(o.bang)
  end, { bang = true, desc = "smallcode: fix the error at the cursor (! for the whole file)" })
  cmd("SmallcodeEdit", function(o)
    M.edit(o.line1, o.line2, o.args)
  end, { range = true, nargs = "*", desc = "smallcode: rewrite the selected lines following an instruction" })
  cmd("SmallcodeExplain", M.explain, { desc = "smallcode: explain the symbol under the cursor" })
  cmd("SmallcodeStatus", M.show_status, { desc = "smallcode: server status" })
  cmd("SmallcodeCancel", M.cancel, { desc = "smallcode: cancel what is running" })
end

--- Send new settings to the running servers (and keep them for new ones).
function M.set_settings(settings)
  M.config.settings = vim.tbl_deep_extend("force", M.config.settings, settings or {})
  vim.lsp.config(NAME, {
    settings = { smallcode = M.config.settings },
    init_options = { smallcode = M.config.settings },
  })
  for _, client in ipairs(vim.lsp.get_clients({ name = NAME })) do
    client.settings = { smallcode = M.config.settings }
    client:notify("workspace/didChangeConfiguration", { settings = client.settings })
  end
end

function M.setup(opts)
  if vim.fn.has("nvim-0.11") == 0 then
    notify("needs Neovim 0.11 or newer (vim.lsp.config)", vim.log.levels.ERROR)
    return
  end
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(defaults), opts or {})
  if type(M.config.cmd) == "string" then
    M.config.cmd = { M.config.cmd }
  end

  local handlers = {
    ["smallcode/askPartial"] = function(_, result)
      local view = result and asks[result.token]
      if view and type(result.text) == "string" then
        view:set(result.text)
      end
    end,
  }
  vim.lsp.config(
    NAME,
    vim.tbl_deep_extend("force", {
      cmd = M.config.cmd,
      filetypes = M.config.filetypes,
      root_markers = M.config.root_markers,
      init_options = { smallcode = M.config.settings },
      -- Also answered to workspace/configuration and sent on didChangeConfiguration.
      settings = { smallcode = M.config.settings },
      handlers = handlers,
    }, M.config.lsp or {})
  )

  for name, fn in pairs(M.command_handlers) do
    vim.lsp.commands[name] = fn
  end

  vim.api.nvim_clear_autocmds({ group = augroup })
  vim.api.nvim_create_autocmd("LspProgress", { group = augroup, pattern = KINDS, callback = on_progress })
  vim.api.nvim_create_autocmd("LspAttach", {
    group = augroup,
    callback = function(ev)
      local client = vim.lsp.get_client_by_id(ev.data.client_id)
      if client and client.name == NAME then
        set_keymaps(ev.buf)
      end
    end,
  })
  create_commands()
  vim.lsp.enable(NAME)
end

return M
