bind-ask-name = 请回复本条消息，输入党支部名称（例如：第一党支部）。
bind-ask-unit = 请回复本条消息，输入所在单位（例如：市政务服务中心）。
bind-done =
    ✅ 本群已绑定到 { $name }（{ $unit }）。
    支部书记：{ $secretary }
    党员请发送 /join 登记岗位、亮明身份。
bind-taken-over = 原支部书记已不是本群管理员。{ $secretary } 现为 { $name } 的支部书记。
appoint-usage = 请回复要任命的成员的消息并发送 /appoint，或发送 /appoint @用户名。
appoint-done = { $name } 已任命为支委。
unappoint-done = { $name } 已不再担任支委。
bot-removed-note = 支部记录已保留。
