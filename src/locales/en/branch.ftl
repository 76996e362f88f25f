bind-ask-name = Reply to this message with the branch name (e.g. First Party Branch).
bind-ask-unit = Reply to this message with the unit (e.g. City Service Centre).
bind-done =
    ✅ This group is now bound to { $name } ({ $unit }).
    Secretary: { $secretary }
    Members: send /join to register your post and show who you are.
bind-taken-over = The former secretary is no longer an admin of this group. { $secretary } is now the secretary of { $name }.
appoint-usage = Reply to the person's message with /appoint, or send /appoint @username.
appoint-done = { $name } is now a committee member.
unappoint-done = { $name } is no longer a committee member.
bot-removed-note = The branch records are kept.
