<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="192"/>
        <location filename="../../ui/supervisor/dashboard.py" line="219"/>
        <source>办件量</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="193"/>
        <location filename="../../ui/supervisor/dashboard.py" line="221"/>
        <source>办结率</source>
        <translation>Completion rate</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="194"/>
        <location filename="../../ui/supervisor/dashboard.py" line="221"/>
        <source>超期办件</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="195"/>
        <source>网上办件占比</source>
        <translation>Online share</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="196"/>
        <location filename="../../ui/supervisor/dashboard.py" line="223"/>
        <source>评价率</source>
        <translation>Evaluation rate</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="197"/>
        <location filename="../../ui/supervisor/dashboard.py" line="223"/>
        <source>差评</source>
        <translation>Bad ratings</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="198"/>
        <source>事项覆盖率</source>
        <translation>Matter coverage rate</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="199"/>
        <location filename="../../ui/supervisor/dashboard.py" line="226"/>
        <source>日均受理</source>
        <translation>Cases a day</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="205"/>
        <source>件</source>
        <translation> cases</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="205"/>
        <source>次</source>
        <translation> ratings</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="207"/>
        <source>各部门办件量</source>
        <translation>Cases by department</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="208"/>
        <source>办件渠道</source>
        <translation>Channels</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="208"/>
        <source>窗口办件</source>
        <translation>At the window</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="208"/>
        <location filename="../../ui/supervisor/dashboard.py" line="221"/>
        <source>网上办件</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="209"/>
        <source>“好差评”评价等级</source>
        <translation>Ratings by level</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="210"/>
        <source>各部门评价率（虚线为90%目标）</source>
        <translation>Evaluation rate by department (dashed: the 90% target)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="212"/>
        <source>全部部门</source>
        <translation>all departments</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="213"/>
        <source>%1 个部门</source>
        <translation>%1 departments</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="214"/>
        <source>%1 至 %2（%3）：办件 %4 件</source>
        <translation>%1 to %2 (%3): %4 cases</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="219"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="221"/>
        <source>办结量</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="222"/>
        <source>网上占比</source>
        <translation>Online share</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="223"/>
        <source>评价办件</source>
        <translation>Cases rated</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="223"/>
        <source>评价次数</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="223"/>
        <source>满意率</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="224"/>
        <source>目录事项</source>
        <translation>Matters in the catalogue</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="224"/>
        <source>已覆盖</source>
        <translation>Covered</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="224"/>
        <source>覆盖率</source>
        <translation>Coverage rate</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="225"/>
        <source>窗口人员</source>
        <translation>Window staff</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="225"/>
        <source>受理办件</source>
        <translation>Cases accepted</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="225"/>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="225"/>
        <source>出勤天数</source>
        <translation>Days present</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="225"/>
        <source>在岗小时</source>
        <translation>Hours signed in</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="225"/>
        <source>出勤率</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="233"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>AcceptDialog</name>
    <message>
        <location filename="../../ui/intake/decisions.py" line="134"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="135"/>
        <source>承诺办结日期</source>
        <translation>Promised completion date</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="136"/>
        <source>材料</source>
        <translation>Material</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="95"/>
        <source>在左侧队列中选择办件（回车打开）</source>
        <translation>Choose a case in the queue on the left (Enter opens it)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="110"/>
        <source>未记录办结期限</source>
        <translation>No deadline recorded</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="120"/>
        <source>状态：%1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="122"/>
        <source>认领人：%1</source>
        <translation>Claimed by: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="129"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="130"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="131"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="133"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="136"/>
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="154"/>
        <source>已收</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="154"/>
        <source>未收</source>
        <translation>Not received</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="156"/>
        <source>容缺，%1前补齐</source>
        <translation>Tolerated, due by %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="158"/>
        <source>容缺，已补交</source>
        <translation>Tolerated, supplied</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="161"/>
        <source>%1 份扫描件（双击查看）</source>
        <translation>%1 scanned file(s) (double-click to view)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="174"/>
        <source>容缺材料已补交：%1</source>
        <translation>Tolerated material supplied: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="209"/>
        <source>认领</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="209"/>
        <source>释放</source>
        <translation>Release</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="209"/>
        <source>准予</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="210"/>
        <source>不予</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="210"/>
        <source>退回补正</source>
        <translation>Return for correction</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="210"/>
        <source>显示完整信息</source>
        <translation>Show full data</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="211"/>
        <source>显示完整的证件号码、电话和地址；此操作记入审计日志</source>
        <translation>Show the full ID number, phone and address; this is recorded in the audit trail</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="214"/>
        <source>申请表</source>
        <translation>Application</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="215"/>
        <source>材料与扫描件</source>
        <translation>Materials and scans</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="216"/>
        <source>流转记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="217"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="217"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="218"/>
        <source>材料</source>
        <translation>Material</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="218"/>
        <source>收取</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="218"/>
        <source>形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="218"/>
        <source>扫描件</source>
        <translation>Scans</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="219"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="219"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="219"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="219"/>
        <source>经办人</source>
        <translation>By</translation>
    </message>
</context>
<context>
    <name>CitizenWindow</name>
    <message>
        <location filename="../../ui/citizen.py" line="51"/>
        <source>请核对您的信息</source>
        <translation>Please check your details</translation>
    </message>
    <message>
        <location filename="../../ui/citizen.py" line="52"/>
        <source>办理事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../ui/citizen.py" line="52"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/citizen.py" line="52"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/citizen.py" line="53"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/citizen.py" line="53"/>
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../ui/citizen.py" line="56"/>
        <source>请核对以上信息，如有错误请告知工作人员</source>
        <translation>Please check the details above and tell the clerk if anything is wrong</translation>
    </message>
</context>
<context>
    <name>Correction</name>
    <message>
        <location filename="../../ui/correction/flow.py" line="60"/>
        <source>已打开退回补正的办件 %1：按后台要求补齐或更换材料（F6 扫描），改正信息后按 F9 重新提交</source>
        <translation>Case %1 returned for correction is open: add or replace materials as asked (F6 scans), correct the data, then press F9 to resubmit</translation>
    </message>
    <message>
        <location filename="../../ui/correction/flow.py" line="80"/>
        <source>已重新提交：%1（%2，第%3版），正在生成文书…</source>
        <translation>Resubmitted: %1 (%2, revision %3), making the documents…</translation>
    </message>
    <message>
        <location filename="../../ui/correction/flow.py" line="82"/>
        <source>%1 已重新提交，文书 %2 份</source>
        <translation>%1 resubmitted, %2 document(s)</translation>
    </message>
    <message>
        <location filename="../../ui/correction/flow.py" line="83"/>
        <source>已重新提交，但文书生成失败：%1</source>
        <translation>Resubmitted, but the documents could not be made: %1</translation>
    </message>
    <message>
        <location filename="../../ui/correction/flow.py" line="99"/>
        <source>保存失败：%1</source>
        <translation>Could not save: %1</translation>
    </message>
    <message>
        <location filename="../../ui/correction/flow.py" line="110"/>
        <source>办件 %1 的事项“%2”（%3）已不在事项目录中，无法在受理页打开</source>
        <translation>The matter “%2” (%3) of case %1 is no longer in the catalogue: it cannot be opened in the intake screen</translation>
    </message>
</context>
<context>
    <name>CorrectionPanel</name>
    <message>
        <location filename="../../ui/correction/panel.py" line="66"/>
        <source>退回补正 · 办件 %1 · %2 · 申请人 %3</source>
        <translation>Returned for correction · case %1 · %2 · applicant %3</translation>
    </message>
    <message>
        <location filename="../../ui/correction/panel.py" line="69"/>
        <source>后台要求补正：</source>
        <translation>The back office asks to correct:</translation>
    </message>
    <message>
        <location filename="../../ui/correction/panel.py" line="73"/>
        <source>后台未写明补正内容，请与审批人员核实</source>
        <translation>The back office did not say what to correct: check with the approver</translation>
    </message>
    <message>
        <location filename="../../ui/correction/panel.py" line="74"/>
        <source>补正完毕，重新提交 (%1)</source>
        <translation>Corrected: resubmit (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/correction/panel.py" line="76"/>
        <source>暂不补正</source>
        <translation>Not now</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="165"/>
        <source>正在统计 %1 至 %2 …</source>
        <translation>Counting %1 to %2…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="177"/>
        <source>统计未能载入：%1</source>
        <translation>The statistics could not be loaded: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="237"/>
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="237"/>
        <source>上季度</source>
        <translation>Last quarter</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="237"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="237"/>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="237"/>
        <source>自定义期间</source>
        <translation>Custom period</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="240"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="241"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="242"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="243"/>
        <source>各部门办件</source>
        <translation>By department</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="243"/>
        <source>好差评</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="243"/>
        <source>事项覆盖</source>
        <translation>Matter coverage</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="243"/>
        <source>窗口人员</source>
        <translation>Window staff</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="249"/>
        <source>选择期间后点“统计”</source>
        <translation>Choose a period, then press “Statistics”</translation>
    </message>
</context>
<context>
    <name>DecisionBar</name>
    <message>
        <location filename="../../ui/intake/decisions.py" line="73"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="74"/>
        <source>容缺受理</source>
        <translation>Accept with tolerance</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="75"/>
        <source>一次性告知</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="76"/>
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="92"/>
        <source>请先选择事项</source>
        <translation>Choose a matter first</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="94"/>
        <source>材料和信息齐全，可以受理</source>
        <translation>Materials and details complete: ready to accept</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="96"/>
        <source>尚缺或有误 %1 项：</source>
        <translation>%1 item(s) missing or wrong: </translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="37"/>
        <source>请补正：%1</source>
        <translation>Please correct: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="74"/>
        <source>不予许可必须写明理由。</source>
        <translation>A denial needs a reason.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="76"/>
        <source>补正须列出至少一项需补正的内容（每行一项）。</source>
        <translation>List at least one correction (one per line).</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="78"/>
        <source>内容过长（最多 %1 字）。</source>
        <translation>Too long (at most %1 characters).</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="83"/>
        <source>准予许可</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="83"/>
        <source>不予许可</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="83"/>
        <source>退回补正</source>
        <translation>Return for correction</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="85"/>
        <source>确认对办件 %1 作出准予许可决定？决定将推送回窗口，待出件。</source>
        <translation>Approve case %1? The decision goes back to the window for hand-out.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="86"/>
        <source>对办件 %1 作出不予许可决定。请写明理由（将告知申请人）：</source>
        <translation>Deny case %1. Write the reason (the applicant will be told):</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="87"/>
        <source>退回办件 %1 补正。每行写一项需补正的内容；双击下方材料可加入：</source>
        <translation>Return case %1 for correction. One correction per line; double-click a material below to add it:</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../ui/tolerance/follow_up.py" line="80"/>
        <source>容缺材料跟踪</source>
        <translation>Tolerated materials follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/follow_up.py" line="81"/>
        <source>也显示尚未临近期限的承诺</source>
        <translation>Also show promises not yet near their day</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/follow_up.py" line="82"/>
        <source>提醒</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/follow_up.py" line="82"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/follow_up.py" line="82"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/follow_up.py" line="82"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/follow_up.py" line="83"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/follow_up.py" line="83"/>
        <source>容缺材料</source>
        <translation>Tolerated material</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/follow_up.py" line="84"/>
        <source>补交材料… (Enter)</source>
        <translation>Supply material… (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/follow_up.py" line="91"/>
        <source>容缺受理时申请人承诺限期补齐的材料：预警（临近期限）、黄牌（今日到期）、红牌（已超期）。请电话提醒申请人；材料送到后选中该行按回车登记补交。</source>
        <translation>Materials applicants promised to supply when accepted with tolerance: warning (day near), yellow card (due today), red card (overdue). Call the applicant; when the material arrives, select the row and press Enter to record it.</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/follow_up.py" line="148"/>
        <source>（逾期补交）</source>
        <translation> (late)</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/follow_up.py" line="149"/>
        <source>已登记补交：%1 “%2”%3，承诺已关闭；补交记录将同步至后台</source>
        <translation>Supply recorded: %1 “%2”%3; the promise is closed and the record will be sent to the back office</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/follow_up.py" line="159"/>
        <source>补交未登记</source>
        <translation>Supply not recorded</translation>
    </message>
</context>
<context>
    <name>FollowUpPanel</name>
    <message>
        <location filename="../../ui/supervisor/follow_up_panel.py" line="173"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_panel.py" line="174"/>
        <source>按编号、事项或状态筛选</source>
        <translation>Filter by number, matter or state</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_panel.py" line="177"/>
        <source>尚未载入</source>
        <translation>Not loaded yet</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_panel.py" line="180"/>
        <source>共 %1 条，待整改 %2 条</source>
        <translation>%1 in all, %2 to correct</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_panel.py" line="184"/>
        <source>未办结</source>
        <translation>Not closed</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_panel.py" line="184"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>FollowUpStepDialog</name>
    <message>
        <location filename="../../ui/supervisor/follow_up_dialogs.py" line="80"/>
        <source>请写明回访情况（接通时与申请人沟通的内容，或未接通的情况）。</source>
        <translation>Describe the call (what was said to the applicant, or why they were not reached).</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_dialogs.py" line="82"/>
        <source>请写明采取的整改措施。</source>
        <translation>Describe the measures taken.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_dialogs.py" line="84"/>
        <source>内容过长（最多 %1 字）。</source>
        <translation>Too long (at most %1 characters).</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_dialogs.py" line="89"/>
        <source>记录回访</source>
        <translation>Record a call</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_dialogs.py" line="89"/>
        <source>记录整改</source>
        <translation>Record the correction</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_dialogs.py" line="89"/>
        <source>整改办结</source>
        <translation>Close the follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_dialogs.py" line="91"/>
        <source>办件 %1 的差评回访：是否联系上申请人？请记录回访情况：</source>
        <translation>Callback on the bad rating of case %1: was the applicant reached? Record the call:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_dialogs.py" line="92"/>
        <source>办件 %1 的差评整改：请写明针对差评采取的整改措施：</source>
        <translation>Correction of the bad rating of case %1: describe the measures taken:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_dialogs.py" line="93"/>
        <source>确认办件 %1 的差评整改已完成并办结？可填写办结说明（选填）：</source>
        <translation>Close the follow-up of case %1 as done? A closing note (optional):</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_dialogs.py" line="97"/>
        <source>已接通</source>
        <translation>Reached</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_dialogs.py" line="98"/>
        <source>未接通</source>
        <translation>Not reached</translation>
    </message>
</context>
<context>
    <name>FollowUpView</name>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="96"/>
        <source>在左侧列表中选择一条差评整改</source>
        <translation>Choose a follow-up in the list on the left</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="105"/>
        <source>评价：%1&#x3000;环节：%2&#x3000;时间：%3&#x3000;窗口：%4</source>
        <translation>Rating: %1   Stage: %2   Time: %3   Window: %4</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="109"/>
        <source>差评原因：%1</source>
        <translation>Reasons: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="110"/>
        <source>评价意见：%1</source>
        <translation>Comment: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="112"/>
        <source>整改措施：%1</source>
        <translation>Measures: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="117"/>
        <source>（按周一至周五估算）</source>
        <translation> (estimated counting Monday to Friday)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="118"/>
        <source>状态：%1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="121"/>
        <source>整改期限：%1</source>
        <translation>Due: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="140"/>
        <source>回访（已接通）</source>
        <translation>Call (reached)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="140"/>
        <source>回访（未接通）</source>
        <translation>Call (not reached)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="142"/>
        <source>整改</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="142"/>
        <source>办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="158"/>
        <source>记录回访…</source>
        <translation>Record a call…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="158"/>
        <source>记录整改…</source>
        <translation>Record the correction…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="158"/>
        <source>办结…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="161"/>
        <source>回访与整改记录</source>
        <translation>Calls and correction</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="162"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="162"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="162"/>
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/follow_up_view.py" line="162"/>
        <source>情况</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <location filename="../../ui/intake/form.py" line="77"/>
        <source>办理情形</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="78"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="79"/>
        <source>事项信息</source>
        <translation>Matter details</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="80"/>
        <source>申请人类型</source>
        <translation>Applicant type</translation>
    </message>
</context>
<context>
    <name>HandoutDialog</name>
    <message>
        <location filename="../../ui/handout/dialog.py" line="147"/>
        <source>已读卡：%1</source>
        <translation>Card read: %1</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="171"/>
        <source>出件</source>
        <translation>Hand out</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="172"/>
        <source>办件 %1 · %2 · 申请人 %3</source>
        <translation>Case %1 · %2 · applicant %3</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="176"/>
        <source>身份核验</source>
        <translation>Identity check</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="178"/>
        <source>请申请人将身份证放在读卡器上</source>
        <translation>Ask the applicant to place the ID card on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="179"/>
        <source>代领人姓名</source>
        <translation>Agent&apos;s name</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="179"/>
        <source>代领人证件号码</source>
        <translation>Agent&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="180"/>
        <source>授权委托材料</source>
        <translation>Authorisation</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="180"/>
        <source>代领人电话</source>
        <translation>Agent&apos;s phone</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="182"/>
        <source>如：授权委托书原件</source>
        <translation>e.g. the original power of attorney</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="183"/>
        <source>寄递企业</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="183"/>
        <source>其他企业名称</source>
        <translation>Other carrier&apos;s name</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="183"/>
        <source>运单号码</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="184"/>
        <source>收件人</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="184"/>
        <source>收件电话</source>
        <translation>Recipient&apos;s phone</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="184"/>
        <source>收件地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="185"/>
        <source>邮编</source>
        <translation>Postcode</translation>
    </message>
</context>
<context>
    <name>InboxDialog</name>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="183"/>
        <source>后台办理结果</source>
        <translation>Back-office results</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="184"/>
        <source>退回补正的办件：选中后按“补正”（或回车），在受理页补齐材料后重新提交；准予或不予许可的办件：选中后按“出件”（或回车）。</source>
        <translation>Cases returned for correction: select and press “Correct” (or Enter), complete them in the intake screen and resubmit. Approved or denied cases: select and press “Hand out” (or Enter).</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="186"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="186"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="186"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="186"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="187"/>
        <source>补正…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="188"/>
        <source>出件…</source>
        <translation>Hand out…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="248"/>
        <source>%1 已出件，出件回执：%2</source>
        <translation>%1 handed out; receipt: %2</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="254"/>
        <source>出件未完成</source>
        <translation>Hand-out not completed</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="256"/>
        <source>出件回执未生成</source>
        <translation>Hand-out receipt not made</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../ui/intake/page.py" line="95"/>
        <source>请在左侧查找并选择事项（F2）</source>
        <translation>Find and choose a matter on the left (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="186"/>
        <source>回头客：已根据以往办件预填 %1 项</source>
        <translation>Returning applicant: %1 field(s) pre-filled from earlier cases</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="276"/>
        <source>已保存：%1（%2），正在生成文书…</source>
        <translation>Saved: %1 (%2), producing documents…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="282"/>
        <source>%1 已办结，文书 %2 份</source>
        <translation>%1 done, %2 document(s)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="286"/>
        <source>保存失败：%1</source>
        <translation>Saving failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="287"/>
        <source>未能办结</source>
        <translation>Could not complete</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="290"/>
        <source>案件已保存，但文书生成失败：%1</source>
        <translation>The case is saved, but producing its documents failed: %1</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/idle_lock.py" line="66"/>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="78"/>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="79"/>
        <source>%1 已离开，输入密码继续</source>
        <translation>%1 stepped away: enter the password to continue</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="80"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="81"/>
        <source>切换用户（退出登录）</source>
        <translation>Switch user (sign out)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="65"/>
        <source>综合窗口受理系统 — 登录</source>
        <translation>Comprehensive window intake — sign in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="66"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="67"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="68"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="72"/>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="79"/>
        <source>用户名或密码不正确，或账号已停用</source>
        <translation>Wrong user name or password, or the account is disabled</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="356"/>
        <source>登录后台</source>
        <translation>Back-office sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="356"/>
        <source>后台账号 %1 的密码：</source>
        <translation>Password of back-office account %1:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="364"/>
        <source>已登录后台</source>
        <translation>Signed in to the back office</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="364"/>
        <source>后台登录失败：%1</source>
        <translation>Back-office sign-in failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="373"/>
        <source>综合窗口受理 — %1 %2</source>
        <translation>Comprehensive window intake — %1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="374"/>
        <source>查找事项 (F2)</source>
        <translation>Find a matter (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="375"/>
        <source>新的受理 (Ctrl+N)</source>
        <translation>New intake (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <source>打印最近文书 (Ctrl+P)</source>
        <translation>Print latest documents (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="377"/>
        <source>容缺材料跟踪 (Ctrl+Shift+T)</source>
        <translation>Tolerated materials follow-up (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="378"/>
        <source>群众核对屏</source>
        <translation>Citizen screen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="379"/>
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="380"/>
        <source>设备</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="381"/>
        <source>读卡填入代办人 (Ctrl+Shift+G)</source>
        <translation>Card fills the agent (Ctrl+Shift+G)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="382"/>
        <source>放置演示证件 (Ctrl+Shift+D)</source>
        <translation>Place a demo card (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="383"/>
        <source>语言 / Language</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="384"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="385"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="386"/>
        <source>后台办理结果（退回补正/准予）… (Ctrl+Shift+I)</source>
        <translation>Back-office results (corrections, approvals)… (Ctrl+Shift+I)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="387"/>
        <source>同步冲突与隔离…</source>
        <translation>Sync conflicts and quarantine…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="388"/>
        <source>登录后台…</source>
        <translation>Sign in to the back office…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="410"/>
        <source>已读取证件，选择事项后自动填入</source>
        <translation>Card read: it fills in once a matter is chosen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="429"/>
        <source>%1：%2（Ctrl+P 打印）</source>
        <translation>%1: %2 (Ctrl+P to print)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="449"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>MaterialsView</name>
    <message>
        <location filename="../../ui/intake/materials.py" line="110"/>
        <source>材料清单</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="111"/>
        <source>全部收到 (Ctrl+Shift+A)</source>
        <translation>All received (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="112"/>
        <source>扫描当前材料 (F6)</source>
        <translation>Scan this material (F6)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="114"/>
        <source>材料</source>
        <translation>Material</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="114"/>
        <source>收到</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="114"/>
        <source>形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="114"/>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="115"/>
        <source>电子证照</source>
        <translation>E-licence</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="115"/>
        <source>问题说明</source>
        <translation>What is wrong</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="115"/>
        <source>扫描页</source>
        <translation>Scanned pages</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="211"/>
        <source>已收 %1 / %2</source>
        <translation>Received %1 / %2</translation>
    </message>
</context>
<context>
    <name>MatterSearch</name>
    <message>
        <location filename="../../ui/intake/search.py" line="80"/>
        <source>事项查找 (F2)</source>
        <translation>Find a matter (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/search.py" line="81"/>
        <source>名称、编码或拼音首字母，如 gtgsh</source>
        <translation>Name, code or pinyin initials, e.g. gtgsh</translation>
    </message>
    <message>
        <location filename="../../ui/intake/search.py" line="107"/>
        <source>一件事</source>
        <translation>Bundle</translation>
    </message>
</context>
<context>
    <name>NotifyDialog</name>
    <message>
        <location filename="../../ui/intake/decisions.py" line="172"/>
        <source>一次性告知</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="174"/>
        <source>需补正的全部内容</source>
        <translation>Everything to be supplied or corrected</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="177"/>
        <source>其他需要告知的内容，每行一项（可不填）</source>
        <translation>Anything else to notify, one item per line (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="179"/>
        <source>补充告知</source>
        <translation>Also notify</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="187"/>
        <source>没有需要告知的内容</source>
        <translation>There is nothing to notify</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="84"/>
        <source>同步冲突与隔离</source>
        <translation>Sync conflicts and quarantine</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="85"/>
        <source>以下办件未被后台接收。核实后可重试；冲突表示后台已有同一版本的不同内容。</source>
        <translation>The back office did not take these cases. Check them, then retry; a conflict means the back office holds different content for the same revision.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="86"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="86"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="86"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="86"/>
        <location filename="../../ui/sync/dialogs.py" line="139"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="87"/>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="88"/>
        <source>查看原因</source>
        <translation>View reasons</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="104"/>
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="104"/>
        <source>已隔离</source>
        <translation>Quarantined</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="105"/>
        <source>出件记录</source>
        <translation>Hand-out record</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="105"/>
        <source>评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="105"/>
        <source>容缺补交</source>
        <translation>Supplied material</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../ui/supervisor/queue_panel.py" line="107"/>
        <location filename="../../ui/supervisor/queue_panel.py" line="167"/>
        <source>全部科室</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/queue_panel.py" line="163"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/queue_panel.py" line="164"/>
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/queue_panel.py" line="165"/>
        <source>按编号、事项或申请人筛选</source>
        <translation>Filter by number, matter or applicant</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/queue_panel.py" line="170"/>
        <source>尚未载入</source>
        <translation>Not loaded yet</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/queue_panel.py" line="172"/>
        <source>共 %1 件，已载入前 %2 件</source>
        <translation>%1 cases, the first %2 loaded</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/queue_panel.py" line="175"/>
        <source>共 %1 件</source>
        <translation>%1 cases</translation>
    </message>
</context>
<context>
    <name>RatingPanel</name>
    <message>
        <location filename="../../ui/citizen_rating.py" line="102"/>
        <source>请为本次服务评价（可不评价）</source>
        <translation>Please rate this service (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_rating.py" line="122"/>
        <source>请勾选不满意的原因，然后提交</source>
        <translation>Tick what was wrong, then submit</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_rating.py" line="141"/>
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_rating.py" line="151"/>
        <source>您对本次服务满意吗？</source>
        <translation>Were you satisfied with our service?</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_rating.py" line="155"/>
        <source>其他意见或建议（选填，选“其他”时必填）</source>
        <translation>Other comments (optional; required with “Other”)</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_rating.py" line="156"/>
        <source>提交评价</source>
        <translation>Submit</translation>
    </message>
</context>
<context>
    <name>RefuseDialog</name>
    <message>
        <location filename="../../ui/intake/decisions.py" line="193"/>
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="198"/>
        <source>不予受理理由</source>
        <translation>Reason for refusal</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="201"/>
        <source>有权受理的机关</source>
        <translation>Competent agency</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="205"/>
        <source>请写明不予受理的理由</source>
        <translation>Write down the reason for refusal</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="208"/>
        <source>不属于本机关职权的，应告知有权受理的机关</source>
        <translation>When outside this office&apos;s remit, name the competent agency</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <location filename="../../ui/intake/scanning.py" line="79"/>
        <source>扫描材料：%1</source>
        <translation>Scan material: %1</translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <location filename="../../ui/scan/panel.py" line="92"/>
        <source>拍照（空格）</source>
        <translation>Capture (Space)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="93"/>
        <source>放稳自动拍摄</source>
        <translation>Auto-capture when still</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="94"/>
        <source>身份证模式</source>
        <translation>ID card mode</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="95"/>
        <source>灰度</source>
        <translation>Grey</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="95"/>
        <source>彩色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="95"/>
        <source>黑白</source>
        <translation>Black and white</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="97"/>
        <source>前移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="98"/>
        <source>后移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="99"/>
        <source>旋转</source>
        <translation>Rotate</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="100"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="101"/>
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="102"/>
        <source>第{n}页</source>
        <translation>Page {n}</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="103"/>
        <source>正在连接高拍仪…</source>
        <translation>Connecting to the document camera…</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="109"/>
        <source>正在拍摄…</source>
        <translation>Capturing…</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="118"/>
        <source>请放好第{n}页后拍摄</source>
        <translation>Place page {n}, then capture</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="147"/>
        <source>重新连接后将自动恢复</source>
        <translation>It resumes by itself once reconnected</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="148"/>
        <source>高拍仪未连接</source>
        <translation>Document camera not connected</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="150"/>
        <source>高拍仪已连接</source>
        <translation>Document camera connected</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="155"/>
        <source>（空白页）</source>
        <translation>(blank page)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="156"/>
        <source>已拍摄第{n}页</source>
        <translation>Page {n} captured</translation>
    </message>
</context>
<context>
    <name>ScanViewer</name>
    <message>
        <location filename="../../ui/supervisor/scan_viewer.py" line="73"/>
        <source>没有可显示的页面</source>
        <translation>No pages to show</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/scan_viewer.py" line="82"/>
        <source>扫描件：%1</source>
        <translation>Scan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/scan_viewer.py" line="83"/>
        <source>第 %1 / %2 页 · %3%</source>
        <translation>Page %1 / %2 · %3%</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/scan_viewer.py" line="85"/>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/scan_viewer.py" line="86"/>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/scan_viewer.py" line="87"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/scan_viewer.py" line="88"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
</context>
<context>
    <name>StatisticsLoader</name>
    <message>
        <location filename="../../ui/supervisor/statistics_loader.py" line="52"/>
        <source>未配置后台地址（[backoffice] url），无法载入统计</source>
        <translation>No back-office address ([backoffice] url): the statistics cannot be loaded</translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message>
        <location filename="../../ui/supervisor/window.py" line="69"/>
        <location filename="../../ui/supervisor/window.py" line="83"/>
        <source>已提交后台</source>
        <translation>Sent to the back office</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="98"/>
        <source>未配置后台地址（[backoffice] url），无法载入审批队列</source>
        <translation>No back-office address configured ([backoffice] url): the queue cannot be loaded</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="112"/>
        <source>登录后台</source>
        <translation>Sign in to the back office</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="112"/>
        <source>后台账号 %1 的密码：</source>
        <translation>Password of back-office account %1:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="122"/>
        <source>已登录后台，正在载入队列…</source>
        <translation>Signed in to the back office, loading the queue…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="124"/>
        <source>后台登录失败：%1</source>
        <translation>Back-office sign-in failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="131"/>
        <source>正在载入队列：%1 / %2</source>
        <translation>Loading the queue: %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="157"/>
        <source>无法记录审计日志，未显示完整信息：%1</source>
        <translation>The audit trail could not be written, so the full data stays hidden: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="179"/>
        <source>后台审批 — %1</source>
        <translation>Back office — %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="180"/>
        <source>审批队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="181"/>
        <source>差评整改</source>
        <translation>Bad-rating follow-ups</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="182"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="184"/>
        <source>审批人：%1</source>
        <translation>Reviewer: %1</translation>
    </message>
</context>
<context>
    <name>SupplyDialog</name>
    <message>
        <location filename="../../ui/tolerance/supply.py" line="78"/>
        <source>补交容缺材料</source>
        <translation>Supply a tolerated material</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/supply.py" line="79"/>
        <source>办件 %1 · 申请人 %2
材料：%3
承诺期限：%4（%5）</source>
        <translation>Case %1 · applicant %2
Material: %3
Promised by: %4 (%5)</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/supply.py" line="83"/>
        <source>材料形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/supply.py" line="83"/>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/supply.py" line="83"/>
        <source>扫描件</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/supply.py" line="85"/>
        <source>扫描材料 (F6)</source>
        <translation>Scan the material (F6)</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/supply.py" line="86"/>
        <source>确认补交</source>
        <translation>Record the supply</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/supply.py" line="110"/>
        <source>已扫描，存为 %1 份文件</source>
        <translation>Scanned, stored as %1 file(s)</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/supply.py" line="111"/>
        <source>未扫描（可不扫描）</source>
        <translation>Not scanned (optional)</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../ui/sync/indicator.py" line="45"/>
        <source>⟳ 正在同步，剩余 %1 件</source>
        <translation>⟳ Syncing, %1 left</translation>
    </message>
    <message>
        <location filename="../../ui/sync/indicator.py" line="47"/>
        <source>● 后台在线 · 待同步 %1 件</source>
        <translation>● Back office online · %1 to sync</translation>
    </message>
    <message>
        <location filename="../../ui/sync/indicator.py" line="49"/>
        <source>○ 离线 · 待同步 %1 件（不影响受理）</source>
        <translation>○ Offline · %1 to sync (intake goes on)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/indicator.py" line="53"/>
        <source>与后台审批系统的连接状态，以及待推送的办件和办件记录（出件、评价、容缺补交）数</source>
        <translation>Connection to the back office, and the cases and case records (hand-outs, ratings, supplied materials) still to send</translation>
    </message>
</context>
<context>
    <name>TodayCases</name>
    <message>
        <location filename="../../ui/cases/today.py" line="118"/>
        <source>今日办件</source>
        <translation>Today&apos;s cases</translation>
    </message>
    <message>
        <location filename="../../ui/cases/today.py" line="119"/>
        <source>按编号、姓名或事项筛选</source>
        <translation>Filter by number, name or matter</translation>
    </message>
</context>
<context>
    <name>ToleranceBadge</name>
    <message>
        <location filename="../../ui/tolerance/badge.py" line="50"/>
        <source>容缺待补 %1 件</source>
        <translation>%1 tolerated material(s) due</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/badge.py" line="52"/>
        <source>（超期 %1）</source>
        <translation> (%1 overdue)</translation>
    </message>
    <message>
        <location filename="../../ui/tolerance/badge.py" line="56"/>
        <source>容缺受理的办件中，承诺补齐的材料已临近期限或已超期：点击查看并登记补交</source>
        <translation>Tolerated materials whose promised day is near or past: click to see them and record a supply</translation>
    </message>
</context>
<context>
    <name>ToleranceDialog</name>
    <message>
        <location filename="../../ui/intake/decisions.py" line="144"/>
        <source>容缺受理</source>
        <translation>Accept with tolerance</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="146"/>
        <source>容缺材料</source>
        <translation>Tolerated materials</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="152"/>
        <source>承诺补齐期限</source>
        <translation>Promised by</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="153"/>
        <source>申请人已签署容缺受理承诺书，且无失信记录</source>
        <translation>The applicant signed the tolerance promise and has no bad credit record</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="156"/>
        <source>承诺办结日期</source>
        <translation>Promised completion date</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="163"/>
        <source>请确认申请人已签署承诺书且无失信记录</source>
        <translation>Confirm the applicant signed the promise and has no bad credit record</translation>
    </message>
</context>
<context>
    <name>WindowFlows</name>
    <message>
        <location filename="../../ui/window_flows.py" line="95"/>
        <location filename="../../ui/window_flows.py" line="102"/>
        <source>补正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location filename="../../ui/window_flows.py" line="96"/>
        <source>当前受理尚未办结，打开补正将放弃当前填写的内容。继续吗？</source>
        <translation>The current intake is not finished: opening the correction discards what was entered. Go on?</translation>
    </message>
</context>
<context>
    <name>self.screen</name>
    <message>
        <location filename="../../ui/idle_lock.py" line="133"/>
        <source>密码不正确</source>
        <translation>Wrong password</translation>
    </message>
</context>
</TS>
