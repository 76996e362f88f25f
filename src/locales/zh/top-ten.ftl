cmd-topten = 十佳评选（书记）
topten-opened = <b>{ $branch } { $year } 年度“十佳”示范岗评选开始</b>
  候选人：{ $candidates }
  评选 { $seats } 名，每人最多选 { $max } 人。投票在与机器人的私聊中匿名进行，结束前不公布票数。
topten-button-vote = 🗳 去投票
topten-ballot = <b>{ $branch } { $year } 年度“十佳”评选</b>
  点选候选人（最多 { $max } 人），再点“投票”。投票匿名：不记录谁投了谁。
topten-button-cast = ✅ 投票（已选 { $chosen }/{ $max }）
topten-too-many = 最多只能选 { $max } 人。
topten-cast = 已匿名投票，感谢参与。
topten-closed = <b>{ $branch } { $year } 年度“十佳”评选结果</b>（有效票 { $valid } 张，无效票 { $void } 张）
topten-result-elected = { $rank }. { $name }：{ $votes } 票 ★ 当选
topten-result-line = { $rank }. { $name }：{ $votes } 票
topten-chart-title = { $year } 年度“十佳”得票
