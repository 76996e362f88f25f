rating-dim-political = 政治思想
rating-dim-performance = 工作业绩
rating-dim-service = 优质服务
rating-dim-exemplary = 示范作用
rating-round-opened =
    📋 { $month } 月度考评开始（一月一考评）
    • 党员自评：私聊我发送 /rate，按四项（各 0–{ $max } 分）自评。
    • 群众测评：点下方按钮，在私聊里为每位党员匿名打分，每人每月一次，不能给自己打分。
    • 组织考评：由支部书记、支委评定。
    考评于 { $close } 结束。我的岗位我示范 · 我的示范你监督。
rating-round-button-rate = 🗳 匿名测评
rating-round-closed-early = { $month } 月度考评已由书记提前结束。
rating-provisional =
    📢 { $month } 考评结果公示（暂定）
    { $rows }
    这是暂定结果：公示期满（{ $deadline }）后转为正式结果，星级届时调整。如有异议，请在此之前私聊我发送 /object。
rating-row = { $rank }. { $name }（{ $post }）{ $total } 分 { $verdict }
rating-verdict-pass = ✅ 合格
rating-verdict-fail = ❌ 不合格
rating-final =
    🏅 { $month } 月度考评结果（正式）
    { $rows }
rating-final-row = { $rank }. { $name }（{ $post }）{ $total } 分 { $stars }{ $delta }
rating-honour-roll = 🌟 光荣榜 · 新晋星级党员示范岗：{ $names }
rating-plates-taken = ⚠️ 本月摘牌：{ $names }
rating-plates-restored = 🔁 本月重新挂牌：{ $names }
rating-titles-revoked = 年底复评取消称号：{ $names }
rating-chart-title = { $month } 月度考评得分
rating-chart-pass = 合格线
rating-dm-provisional =
    ⏳ 您的 { $month } 暂定考评结果：{ $total } 分，{ $verdict }
    自评 { $self } × { $wSelf }% · 群众测评 { $masses } × { $wMasses }% · 组织考评 { $org } × { $wOrg }%
    公示期满后的星级：{ $stars }{ $delta }（在此之前星级不变）
    这是暂定结果，公示期满后才正式生效。如有异议，请在 { $deadline } 前私聊我发送 /object。
rating-dm-final =
    ✅ 您的 { $month } 正式考评结果：{ $total } 分，{ $verdict }
    自评 { $self } × { $wSelf }% · 群众测评 { $masses } × { $wMasses }% · 组织考评 { $org } × { $wOrg }%
    星级：{ $stars }{ $delta }
    这是正式结果，公示期已结束，星级已按此调整。
rating-dm-masses-moved = 群众测评不足 { $min } 票（{ $ballots } 票），其权重计入组织考评。
rating-dm-self-missing = 本月未自评，自评按 0 分计。
rating-dm-why = 发送 /why 查看计算依据。
rating-no-masses = —
rating-ask-dimension = 第 { $n }/4 项 · { $dimension }：请给 { $name } 打分（0–{ $max }）。
rating-self-intro = { $month } 党员自评：请按四项逐一给自己打分（各 0–{ $max } 分）。
rating-ask-remark = 可以写一句自评说明（发送 - 跳过）。
rating-self-saved = 自评已保存：{ $total }/{ $max } 分。考评结束前可以发送 /rate 重新自评。
rating-ballot-intro = { $month } 群众测评（匿名）：选择党员，按四项打分（各 0–{ $max } 分）。您的名字不会和评分保存在一起。
rating-ballot-ask-member = 请选择要评价的党员：
rating-ballot-saved = 已匿名记录您对 { $name } 的评分。
rating-ballot-all-done = 您已经评完了所有党员，谢谢！
rating-ballot-thanks = 谢谢您的评价！
rating-button-done = 完成
rating-button-next-ballot = ➡️ 评价下一位党员
rating-org-ask-member = 请选择要进行组织考评的党员：
rating-org-ask-score =
    { $name } 的建议分：{ $score }
    { $lines }
    发送 { $score } 采用建议分，或发送其他分数（0–100，需说明理由）。
rating-org-ask-reason = 请说明调整建议分的理由：
rating-org-saved = 已记录 { $name } 的组织考评：{ $score } 分。
rating-org-all-done = 本轮所有党员都已完成组织考评。
rating-org-thanks = 好的，其余党员稍后再评。发送 /orgrate 继续。
rating-org-own-by-committee = 您本人的组织考评由支委评定，不在此列出。
rating-org-own-no-committee = 您本人的组织考评须由支委评定，本支部还没有支委：请在群里用 /appoint 任命一名支委。
rating-no-open-round = 现在没有开放的考评。
rating-no-provisional = 现在没有处于公示期的考评结果。
org-line-base = 基础分：{ $points }
org-line-verifiedDeeds = 本月核实实事 { $count } 件：{ $points }
org-line-pledgeItemsDone = 本月完成承诺事项 { $count } 项：{ $points }
org-line-praise = 收到表扬 { $count } 条：{ $points }
org-line-pledgeItemsOverdue = 逾期承诺事项 { $count } 项：{ $points }
org-line-upheldComplaints = 查实投诉 { $count } 件：{ $points }
objection-ask-text = 请写明您对 { $month } 考评结果的异议：
objection-filed = 异议已提交，书记处理后会通知您。
objection-notify-secretary = { $name } 对 { $month } 考评结果提出异议：{ $text }
objection-button-resolve = 处理异议
objection-ask-score = 如需调整该党员的组织考评分，请发送新分数（0–100）；不调整请发送 -。
objection-ask-answer = 请写下给党员的答复：
objection-resolved = 异议已处理，已通知该党员。
objection-answer-to-member = 书记已答复您对 { $month } 考评结果的异议：{ $answer }
why-title = { $name } · { $month } 考评（{ $status }）
why-status-provisional = 公示中
why-status-final = 正式
why-self = 自评：{ $sheet } → { $score } 分
why-masses = 群众测评：{ $ballots } 票，平均 { $score } 分
why-org-reviewer = 组织考评：{ $score } 分（书记/支委评定）
why-org-suggested = 组织考评：{ $score } 分（按公布规则的建议分）
why-total = 权重 自评 { $wSelf }% · 群众 { $wMasses }% · 组织 { $wOrg }% → 总分 { $total }（{ $pass } 分合格）{ $verdict }
why-stars = 星级：{ $before } → { $after }，{ $plate }
why-plate-on = 挂牌
why-plate-off = 已摘牌
why-rules = 规则版本：{ $version }
why-recomputes = ✅ 按保存的依据重新计算，结果一致。
why-differs = ⚠️ 按保存的依据重新计算，结果不一致，请联系书记。
cmd-rate = 考评自评
cmd-orgrate = 组织考评（书记/支委）
cmd-object = 对考评结果提异议
cmd-why = 查看考评计算依据
cmd-pause = 暂停提醒
cmd-resume = 恢复提醒
cmd-openround = 提前开始考评（书记）
cmd-closeround = 提前结束考评（书记）
comment-ask-member = { $quarter } 领导点评：请选择党员。
comment-ask-text = 请写对 { $name } 的点评：成绩、不足和努力方向。
comment-saved = 已记入点评台账，并已发送给 { $name }。
comment-all-done = { $quarter } 所有党员都已点评。
comment-later = 好的，其余党员稍后再点评。发送 /comment 继续。
comment-to-member = 📝 { $branch } 书记对您 { $quarter } 的点评：
    { $text }
cmd-comment = 季度领导点评（书记）
round-state-open = { $month } 的考评正在进行，将于 { $close } 结束。
round-state-provisional = { $month } 的考评已结束，结果暂定，正在公示，异议截止 { $deadline }。
round-state-final = { $month } 的考评已结束，结果已正式公布。
round-state-next = { $month } 的考评将于 { $open } 开放。
rating-round-not-reopenable = { $month } 的考评已经结束，不能再次开放。
rating-close-confirm =
    ⚠️ { $month } 的考评按计划于 { $close } 结束。现在提前结束吗？结束后不能再自评、测评或组织考评，结果立即公示（暂定）。
rating-close-gaps-title = 还没有完成的：
rating-close-button-confirm = ✅ 确认提前结束
rating-close-button-cancel = 暂不结束
rating-close-cancelled = 好的，{ $month } 的考评继续进行，将于 { $close } 结束。
rating-close-not-open = { $month } 的考评已经不在进行中。
round-gap-self = • 未自评（{ $count } 人）：{ $names }
round-gap-ballots = • 群众测评不足 { $min } 票（{ $count } 人）：{ $names }
round-gap-ballots-each = { $name }（{ $ballots } 票）
round-gap-org = • 未组织考评（{ $count } 人）：{ $names }
round-gap-none = • 所有党员都已完成自评、群众测评和组织考评。
cmd-progress = 考评进度一览（书记）
progress-title = 📊 { $branch } · 考评进度（{ $at } 更新）
progress-leading-short = • 担任领导职务的党员承诺事项不足 { $min } 项（{ $count } 人）：{ $names }
progress-leading-short-each = { $name }（缺 { $count } 项）
progress-leading-ok = • 担任领导职务的党员承诺事项都已达到 { $min } 项。
progress-overdue = • 逾期未完成的承诺事项（{ $count } 项）：{ $names }
progress-overdue-each = { $name } { $count } 项
progress-overdue-none = • 没有逾期未完成的承诺事项。
progress-pending = • 待审核：党员登记 { $registrations } · 承诺事项 { $items } · 完成确认 { $claims } · 实事 { $deeds } · 意见 { $feedback } · 岗位标准 { $standards }
progress-pending-none = • 没有待审核的事项。
progress-button-refresh = 🔄 刷新
progress-refreshed = 已更新。
cmd-finalize = 提前公布正式结果（书记，无未处理异议时）
rating-finalized-early = ✅ 没有未处理的异议，{ $month } 的考评结果已提前转为正式结果，星级已调整。正式结果马上在群里公布。
