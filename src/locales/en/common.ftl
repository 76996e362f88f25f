bot-name = Model Post Assistant
slogan = My post, my example · My example, your oversight
welcome-private =
    Hello, { $name }! I am the Model Post assistant.
    In your branch group I help members show their posts, set standards, make pledges, record deeds and rate each month.
    Send /join in your branch group to register your post; send /help to see what you can do.
welcome-group =
    Hello everyone! I am the Model Post assistant. { slogan }
    A group admin please send /bind to bind this group to a Party branch. The admin who binds becomes the branch secretary.
group-already-bound = This group is bound to { $name } ({ $unit }). Send /help to see the commands.
error-internal = Sorry, something went wrong. Please try again later.
dialog-cancelled = Cancelled.
dialog-left = The open dialog was left.
dialog-nothing-to-cancel = Nothing is in progress.
dialog-expired-for = { $name }: the dialog timed out (no answer for { $minutes } minutes) and has ended. Please start again.
dialog-expired = The dialog timed out (no answer for { $minutes } minutes). Please start again.
language-set = Language set to English.
language-choose = Choose a language:
help-title = Commands you can use:
help-unbound = This group is not bound to a branch yet. A group admin can send /bind.
cmd-start = Start
cmd-help = What I can do
cmd-bind = Bind this group to a branch (admins)
cmd-appoint = Appoint a committee member (secretary, reply to them)
cmd-unappoint = Remove a committee member (secretary)
cmd-cancel = Cancel the current dialog
cmd-language = Change language
rights-missing-pin = I cannot pin messages yet, so the roster board is not pinned. Secretary: make me an admin with the "Pin messages" right.
cmd-join = Register your member card
cmd-me = My card
cmd-card = Show a card (reply to someone or @username)
cmd-roster = Refresh the roster board
cmd-standard = Write or revise your post standard
cmd-leave = Leave the member list (records stay)
cmd-settings = Branch settings (secretary)
help-private-note = Most things happen in your branch group; when there is something to fill in, I bring you here.
help-role-masses = In { $branch } you take part as one of the masses. Keep an eye on our model posts!
help-role-member = You are a member of { $branch }. My post, my example!
help-role-committee = You are a committee member of { $branch }.
help-role-secretary = You are the secretary of { $branch }.
help-section-masses = You can use:
help-section-member = Member commands:
help-section-committee = Committee duties:
help-section-secretary = Secretary commands:
help-review-buttons = Review new members, post standards and more with the Confirm / Approve / Return buttons under the group messages.
# A message to one person in the group: a member the bot cannot write to in private, a dialog's question.
addressed-to = { $name }: { $text }
# The language of this file, for dates and months written the reader's way (src/domain/locale-format.ts).
locale-code = en
group-upgraded = This group was upgraded to a supergroup; these dialogs in progress have ended:
dialog-ended-by-upgrade-command = { $name }: please send { $command } again here.
dialog-ended-by-upgrade = { $name }: please start again here (send /pending or the command you used).
flood-slow-down = Too many commands at once. Please try again in { $seconds } seconds; the commands sent meanwhile were ignored.
