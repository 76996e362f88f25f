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
    如有异议，请在 { $deadline } 前私聊我发送 /object。
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
rating-dm-result =
    您的 { $month } 考评结果：{ $total } 分，{ $verdict }
    自评 { $self } × { $wSelf }% · 群众测评 { $masses } × { $wMasses }% · 组织考评 { $org } × { $wOrg }%
    星级：{ $stars }{ $delta }
rating-dm-masses-moved = 群众测评不足 { $min } 票（{ $ballots } 票），其权重计入组织考评。
rating-dm-self-missing = 本月未自评，自评按 0 分计。
rating-dm-why = 发送 /why 查看计算依据。
rating-no-masses = —
