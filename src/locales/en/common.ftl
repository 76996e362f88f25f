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
dialog-nothing-to-cancel = Nothing is in progress.
dialog-expired = The dialog timed out (no answer for { $minutes } minutes). Please start again.
language-set = Language set to English.
language-choose = 请选择语言 / Choose a language:
help-title = Commands you can use:
help-masses = You take part as one of the masses. You can:
help-secretary = Secretary commands:
help-committee = Committee commands:
help-unbound = This group is not bound to a branch yet. A group admin can send /bind.
cmd-start = Start
cmd-help = What I can do
cmd-bind = Bind this group to a branch (admins)
cmd-appoint = Appoint a committee member (secretary, reply to them)
cmd-unappoint = Remove a committee member (secretary)
cmd-cancel = Cancel the current dialog
cmd-language = Change language
rights-missing-pin = I cannot pin messages yet, so the roster board is not pinned. Secretary: make me an admin with the "Pin messages" right.
