-- The plugin's own surface against the real server: :SmallcodeFix, :SmallcodeStatus, :SmallcodeAsk
-- (streamed into a window), :SmallcodeEdit (instruction from vim.ui.input), the
-- "Edit selection with smallcode…" code action (client-side smallcode.edit handler)
-- and "Explain ..." (client-side smallcode.explain handler).
-- Run as: nvim --headless --clean -l commands_scenario.lua CONFIG.json

local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local H = dofile(here .. "/harness.lua")

--- Text of the newest answer window whose buffer name contains `what`.
local function view_text(what)
  local found
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    local name = vim.api.nvim_buf_get_name(b)
    if vim.api.nvim_buf_is_valid(b) and name:find("smallcode://", 1, true) and name:find(what, 1, true) then
      found = b
    end
  end
  return found and H.buffer_text(found) or nil
end

local function close_floats()
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= "" then
      vim.api.nvim_win_close(w, true)
    end
  end
end

local function pick(wanted)
  H.choose = function(titles)
    for i, title in ipairs(titles) do
      if vim.startswith(title, wanted) then
        return i
      end
    end
    H.report.missing_action = wanted .. " not in: " .. table.concat(titles, " | ")
  end
end

H.run(function()
  local report = H.report
  local bufnr = H.open_and_attach()
  local file_win = vim.api.nvim_get_current_win()
  H.wait_for("the workspace index (progress end)", H.timeouts.attach, function()
    return H.ended_count("indexing") > 0
  end)

  -- :SmallcodeFix at the error: the only smallcode quickfix there runs without a menu;
  -- require("smallcode").status() shows the stage meanwhile.
  H.wait_for("a smallcode diagnostic", H.timeouts.attach, function()
    return #vim.diagnostic.get(bufnr, { severity = vim.diagnostic.severity.ERROR }) > 0
  end)
  local d = vim.diagnostic.get(bufnr)[1]
  vim.api.nvim_win_set_cursor(file_win, { d.lnum + 1, d.col })
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.cmd("SmallcodeFix")
  H.wait_for(":SmallcodeFix to finish (progress end)", H.timeouts.edit, function()
    local status = require("smallcode").status()
    if status ~= "" then
      report.statusline = report.statusline or {}
      if report.statusline[#report.statusline] ~= status then
        table.insert(report.statusline, status)
      end
    end
    return H.ended_count("fix") >= 1
  end)
  H.wait_changed(bufnr, tick, ":SmallcodeFix", "fix")
  report.after_fix = H.buffer_text(bufnr)
  report.status_after = require("smallcode").status()
  H.step("fix command")

  -- :SmallcodeStatus
  vim.cmd("SmallcodeStatus")
  H.wait_for(":SmallcodeStatus output", 20, function()
    for _, n in ipairs(report.notifications) do
      if n.message:find("endpoint:", 1, true) then
        report.status = n.message
        return true
      end
    end
    return false
  end)
  H.step("status")

  -- :SmallcodeAsk on `mean`: partial answers, then the final one with references.
  vim.api.nvim_win_set_cursor(file_win, { 4, 5 })
  vim.cmd("SmallcodeAsk What does mean return?")
  H.wait_for("a partial answer in the ask window", H.timeouts.ask, function()
    local text = view_text("What does mean return?")
    if text and text:find("returns", 1, true) and not text:find("count", 1, true) then
      report.ask_partial = text
      return true
    end
    return false
  end)
  H.wait_for("the final answer in the ask window", H.timeouts.ask, function()
    local text = view_text("What does mean return?")
    if text and text:find("References", 1, true) then
      report.ask_answer = text
      return true
    end
    return false
  end)
  report.qflist = vim.tbl_map(function(item)
    return { lnum = item.lnum, text = item.text }
  end, vim.fn.getqflist())
  close_floats()
  H.step("ask")

  -- :SmallcodeEdit over the function, the instruction typed in vim.ui.input.
  vim.api.nvim_set_current_win(file_win)
  tick = vim.api.nvim_buf_get_changedtick(bufnr)
  H.answers = { "name the running sum subtotal" }
  vim.cmd("4,7SmallcodeEdit")
  H.wait_for(":SmallcodeEdit to finish (progress end)", H.timeouts.edit, function()
    return H.ended_count("edit") >= 1
  end)
  H.wait_changed(bufnr, tick, ":SmallcodeEdit", "edit")
  report.after_edit = H.buffer_text(bufnr)
  H.step("edit command")

  -- The "Edit selection with smallcode…" code action: Neovim runs smallcode.edit
  -- without an instruction; the plugin's handler asks for one and sends it.
  tick = vim.api.nvim_buf_get_changedtick(bufnr)
  pick("Edit selection with smallcode")
  H.answers = { "raise ValueError on an empty list" }
  local line_count = vim.api.nvim_buf_line_count(bufnr)
  vim.lsp.buf.code_action({ range = { start = { 4, 0 }, ["end"] = { line_count, 0 } } })
  H.wait_for("the edit code action to finish (progress end)", H.timeouts.edit, function()
    return report.missing_action ~= nil or H.ended_count("edit") >= 2
  end)
  if report.missing_action then
    H.fail(report.missing_action)
  end
  H.wait_changed(bufnr, tick, "the edit code action", "edit")
  report.after_action = H.buffer_text(bufnr)
  H.step("edit action")

  -- "Explain mean": the plugin's handler shows the markdown in a window.
  vim.api.nvim_win_set_cursor(file_win, { 4, 5 })
  pick("Explain mean")
  vim.lsp.buf.code_action()
  H.wait_for("the explanation window", H.timeouts.ask, function()
    if report.missing_action then
      return true
    end
    report.explain = view_text("explain")
    return report.explain ~= nil
  end)
  if report.missing_action then
    H.fail(report.missing_action)
  end
  close_floats()
  H.step("explain")

  vim.api.nvim_set_current_win(file_win)
  report.text = H.buffer_text(bufnr)
  vim.cmd.write()
  H.step("written")
end)
