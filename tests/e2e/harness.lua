-- Shared by the e2e scenarios: config, a JSON report, waits that fail with a reason,
-- capture of what the user would see, and a clean stop of the server.
--
-- A scenario does:  local h = dofile(<this file>); h.run(function(h) ... end)
-- CONFIG (argv[1], JSON): {plugin_dir, cmd, settings, file, out, timeouts = {...}}

local H = {}

local config_path = assert(_G.arg[1], "usage: nvim --headless --clean -l SCENARIO.lua CONFIG.json")
H.config = vim.json.decode(table.concat(vim.fn.readfile(config_path), "\n"))
H.timeouts = H.config.timeouts

local start = vim.uv.hrtime()
function H.now()
  return (vim.uv.hrtime() - start) / 1e9
end

H.report = {
  steps = {}, -- {step, t}: how far we got, and when
  progress = {}, -- {kind, token, title, message, t}
  messages = {}, -- window/showMessage
  notifications = {}, -- vim.notify
  selects = {}, -- every vim.ui.select: {prompt, items}
  inputs = {}, -- every vim.ui.input prompt
  error = nil,
}

function H.step(name)
  table.insert(H.report.steps, { step = name, t = H.now() })
end

function H.fail(message)
  error(message, 0)
end

--- vim.wait, but a timeout is an error that says what we were waiting for.
function H.wait_for(what, seconds, predicate)
  if not vim.wait(seconds * 1000, predicate, 20) then
    H.fail(("timed out after %ss waiting for %s"):format(seconds, what))
  end
end

function H.buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n") .. "\n"
end

--- Answers for vim.ui.select (a function of the formatted titles -> index) and
--- vim.ui.input (a queue of strings), set by the scenario.
H.choose = function(_)
  return nil
end
H.answers = {}

local function capture()
  vim.lsp.set_log_level("debug")
  vim.notify = function(msg, level)
    table.insert(H.report.notifications, { message = tostring(msg), level = level, t = H.now() })
  end
  local show_message = vim.lsp.handlers["window/showMessage"]
  vim.lsp.handlers["window/showMessage"] = function(err, result, ctx, cfg)
    table.insert(H.report.messages, { type = result.type, message = result.message, t = H.now() })
    return show_message(err, result, ctx, cfg)
  end
  vim.api.nvim_create_autocmd("LspProgress", {
    pattern = { "begin", "report", "end" },
    callback = function(ev)
      local value = ev.data.params.value or {}
      table.insert(H.report.progress, {
        kind = value.kind,
        token = ev.data.params.token,
        title = value.title,
        message = value.message,
        t = H.now(),
      })
    end,
  })
  vim.ui.select = function(items, opts, on_choice)
    local titles = {}
    for _, item in ipairs(items) do
      table.insert(titles, opts.format_item and opts.format_item(item) or tostring(item))
    end
    table.insert(H.report.selects, { prompt = opts.prompt, items = titles, t = H.now() })
    local index = H.choose(titles)
    on_choice(index and items[index] or nil, index)
  end
  vim.ui.input = function(opts, on_confirm)
    table.insert(H.report.inputs, opts.prompt or "")
    on_confirm(table.remove(H.answers, 1))
  end
end

--- Tokens of work-done progress whose title contains `word`, and whether each ended.
function H.progress_of(word)
  local tokens = {}
  for _, p in ipairs(H.report.progress) do
    if p.kind == "begin" and p.title and p.title:find(word, 1, true) then
      tokens[p.token] = tokens[p.token] or false
    elseif p.kind == "end" and tokens[p.token] ~= nil then
      tokens[p.token] = true
    end
  end
  return tokens
end

function H.ended_count(word)
  local n = 0
  for _, ended in pairs(H.progress_of(word)) do
    if ended then
      n = n + 1
    end
  end
  return n
end

--- After a command's progress ended: wait briefly for its edit (workspace/applyEdit
--- comes before the end), else fail with what the server said instead.
function H.wait_changed(bufnr, tick, what, word)
  if vim.wait(2000, function()
    return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick
  end, 20) then
    return
  end
  local ended, said = "?", "none"
  for _, p in ipairs(H.report.progress) do
    if p.kind == "end" and H.progress_of(word)[p.token] ~= nil then
      ended = p.message or ""
    end
  end
  if #H.report.messages > 0 then
    said = H.report.messages[#H.report.messages].message
  end
  H.fail(("%s ended (%q) without changing the buffer; last window/showMessage: %s"):format(what, ended, said))
end

--- Open the scenario's file and wait for the smallcode client; returns bufnr, client.
function H.open_and_attach()
  require("smallcode").setup({ cmd = H.config.cmd, settings = H.config.settings, keymaps = true })
  H.step("setup")
  vim.cmd.edit(vim.fn.fnameescape(H.config.file))
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].filetype ~= "python" then
    H.fail("filetype is " .. vim.bo[bufnr].filetype .. ", not python")
  end
  local client
  H.wait_for("smallcode-ls to start and initialize", H.timeouts.attach, function()
    client = vim.lsp.get_clients({ bufnr = bufnr, name = "smallcode" })[1]
    return client ~= nil and client.initialized
  end)
  H.report.offset_encoding = client.offset_encoding
  H.report.root_dir = client.root_dir
  H.step("attached")
  return bufnr, client
end

local function stop_servers()
  local clients = vim.lsp.get_clients()
  for _, c in ipairs(clients) do
    c:stop()
  end
  local stopped = vim.wait(5000, function()
    for _, c in ipairs(clients) do
      if not c:is_stopped() then
        return false
      end
    end
    return true
  end, 50)
  if not stopped then
    for _, c in ipairs(clients) do
      c:stop(true)
    end
  end
  H.report.server_stopped = stopped
end

--- Run the scenario; whatever happens, stop the server and write the report.
function H.run(scenario)
  capture()
  vim.opt.rtp:prepend(H.config.plugin_dir)
  local ok, err = xpcall(scenario, debug.traceback, H)
  if not ok then
    H.report.error = tostring(err)
  end
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if H.report.text == nil and vim.api.nvim_buf_get_name(b) == H.config.file then
      H.report.text = H.buffer_text(b) -- what the buffer held at the end
    end
  end
  stop_servers()
  H.step("done")
  local fh = assert(io.open(H.config.out, "w"))
  fh:write(vim.json.encode(H.report))
  fh:close()
end

return H
