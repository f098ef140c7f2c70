-- The issue's scenario: open a file with an undefined name, open the code-action
-- menu at the error, run "Fix: ...", get the edit, write the file.
-- Run as: nvim --headless --clean -l fix_scenario.lua CONFIG.json

local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local H = dofile(here .. "/harness.lua")

H.run(function()
  local report = H.report
  local bufnr = H.open_and_attach()
  report.original = H.buffer_text(bufnr)

  local diagnostic
  H.wait_for("a smallcode diagnostic (undefined name) on the buffer", H.timeouts.diagnostics, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.source == "smallcode" then
        diagnostic = d
        return true
      end
    end
    return false
  end)
  report.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(report.diagnostics, { lnum = d.lnum, col = d.col, message = d.message, source = d.source })
  end
  H.step("diagnostic")

  -- The user goes to the error and opens the code-action menu; the stub picks "Fix: ...".
  H.choose = function(titles)
    report.code_actions = titles
    for i, title in ipairs(titles) do
      if vim.startswith(title, "Fix: ") then
        report.chosen = title
        return i
      end
    end
  end
  vim.api.nvim_win_set_cursor(0, { diagnostic.lnum + 1, diagnostic.col })
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.lsp.buf.code_action()
  H.wait_for("the code-action menu", H.timeouts.actions, function()
    return report.code_actions ~= nil
  end)
  if report.chosen == nil then
    H.fail("no 'Fix: ...' code action among: " .. table.concat(report.code_actions, " | "))
  end
  H.step("action chosen")

  H.wait_for("the fix to finish (progress end)", H.timeouts.fix, function()
    return H.ended_count("fix") > 0
  end)
  H.wait_changed(bufnr, tick, "the fix", "fix")
  H.step("fixed")

  report.text = H.buffer_text(bufnr)
  vim.cmd.write()
  report.modified_after_write = vim.bo[bufnr].modified
  H.step("written")
end)
