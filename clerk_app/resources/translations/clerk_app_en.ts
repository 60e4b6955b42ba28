<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AcceptDialog</name>
    <message>
        <location filename="../../ui/intake/decisions.py" line="134" />
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="135" />
        <source>承诺办结日期</source>
        <translation>Promised completion date</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="136" />
        <source>材料</source>
        <translation>Material</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="93" />
        <source>在左侧队列中选择办件（回车打开）</source>
        <translation>Choose a case in the queue on the left (Enter opens it)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="108" />
        <source>未记录办结期限</source>
        <translation>No deadline recorded</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="118" />
        <source>状态：%1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="120" />
        <source>认领人：%1</source>
        <translation>Claimed by: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="127" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="128" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="129" />
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="131" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="134" />
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="152" />
        <source>已收</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="152" />
        <source>未收</source>
        <translation>Not received</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="154" />
        <source>容缺，%1前补齐</source>
        <translation>Tolerated, due by %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="157" />
        <source>%1 份扫描件（双击查看）</source>
        <translation>%1 scanned file(s) (double-click to view)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="197" />
        <source>认领</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="197" />
        <source>释放</source>
        <translation>Release</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="197" />
        <source>准予</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="198" />
        <source>不予</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="198" />
        <source>退回补正</source>
        <translation>Return for correction</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="198" />
        <source>显示完整信息</source>
        <translation>Show full data</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="199" />
        <source>显示完整的证件号码、电话和地址；此操作记入审计日志</source>
        <translation>Show the full ID number, phone and address; this is recorded in the audit trail</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="202" />
        <source>申请表</source>
        <translation>Application</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="203" />
        <source>材料与扫描件</source>
        <translation>Materials and scans</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="204" />
        <source>流转记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="205" />
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="205" />
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="206" />
        <source>材料</source>
        <translation>Material</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="206" />
        <source>收取</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="206" />
        <source>形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="206" />
        <source>扫描件</source>
        <translation>Scans</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="207" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="207" />
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="207" />
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/case_view.py" line="207" />
        <source>经办人</source>
        <translation>By</translation>
    </message>
</context>
<context>
    <name>CitizenWindow</name>
    <message>
        <location filename="../../ui/citizen.py" line="51" />
        <source>请核对您的信息</source>
        <translation>Please check your details</translation>
    </message>
    <message>
        <location filename="../../ui/citizen.py" line="52" />
        <source>办理事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../ui/citizen.py" line="52" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/citizen.py" line="52" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/citizen.py" line="53" />
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/citizen.py" line="53" />
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../ui/citizen.py" line="56" />
        <source>请核对以上信息，如有错误请告知工作人员</source>
        <translation>Please check the details above and tell the clerk if anything is wrong</translation>
    </message>
</context>
<context>
    <name>DecisionBar</name>
    <message>
        <location filename="../../ui/intake/decisions.py" line="73" />
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="74" />
        <source>容缺受理</source>
        <translation>Accept with tolerance</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="75" />
        <source>一次性告知</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="76" />
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="92" />
        <source>请先选择事项</source>
        <translation>Choose a matter first</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="94" />
        <source>材料和信息齐全，可以受理</source>
        <translation>Materials and details complete: ready to accept</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="96" />
        <source>尚缺或有误 %1 项：</source>
        <translation>%1 item(s) missing or wrong: </translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="37" />
        <source>请补正：%1</source>
        <translation>Please correct: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="74" />
        <source>不予许可必须写明理由。</source>
        <translation>A denial needs a reason.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="76" />
        <source>补正须列出至少一项需补正的内容（每行一项）。</source>
        <translation>List at least one correction (one per line).</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="78" />
        <source>内容过长（最多 %1 字）。</source>
        <translation>Too long (at most %1 characters).</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="83" />
        <source>准予许可</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="83" />
        <source>不予许可</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="83" />
        <source>退回补正</source>
        <translation>Return for correction</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="85" />
        <source>确认对办件 %1 作出准予许可决定？决定将推送回窗口，待出件。</source>
        <translation>Approve case %1? The decision goes back to the window for hand-out.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="86" />
        <source>对办件 %1 作出不予许可决定。请写明理由（将告知申请人）：</source>
        <translation>Deny case %1. Write the reason (the applicant will be told):</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/decision_dialogs.py" line="87" />
        <source>退回办件 %1 补正。每行写一项需补正的内容；双击下方材料可加入：</source>
        <translation>Return case %1 for correction. One correction per line; double-click a material below to add it:</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <location filename="../../ui/intake/form.py" line="77" />
        <source>办理情形</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="78" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="79" />
        <source>事项信息</source>
        <translation>Matter details</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="80" />
        <source>申请人类型</source>
        <translation>Applicant type</translation>
    </message>
</context>
<context>
    <name>HandoutDialog</name>
    <message>
        <location filename="../../ui/handout/dialog.py" line="139" />
        <source>已读卡：%1</source>
        <translation>Card read: %1</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="163" />
        <source>出件</source>
        <translation>Hand out</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="164" />
        <source>办件 %1 · %2 · 申请人 %3</source>
        <translation>Case %1 · %2 · applicant %3</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="168" />
        <source>身份核验</source>
        <translation>Identity check</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="170" />
        <source>请申请人将身份证放在读卡器上</source>
        <translation>Ask the applicant to place the ID card on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="171" />
        <source>代领人姓名</source>
        <translation>Agent's name</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="171" />
        <source>代领人证件号码</source>
        <translation>Agent's ID number</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="172" />
        <source>授权委托材料</source>
        <translation>Authorisation</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="172" />
        <source>代领人电话</source>
        <translation>Agent's phone</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="174" />
        <source>如：授权委托书原件</source>
        <translation>e.g. the original power of attorney</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="175" />
        <source>寄递企业</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="175" />
        <source>其他企业名称</source>
        <translation>Other carrier's name</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="175" />
        <source>运单号码</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="176" />
        <source>收件人</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="176" />
        <source>收件电话</source>
        <translation>Recipient's phone</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="176" />
        <source>收件地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/handout/dialog.py" line="177" />
        <source>邮编</source>
        <translation>Postcode</translation>
    </message>
</context>
<context>
    <name>InboxDialog</name>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="131" />
        <source>后台办理结果</source>
        <translation>Back-office results</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="132" />
        <source>退回补正的办件请通知申请人补正；准予或不予许可的办件可以出件（选中后按“出件”）。</source>
        <translation>Tell applicants of cases returned for correction; approved or denied cases can be handed out (select one, then “Hand out”).</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="133" />
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="133" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="133" />
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="133" />
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="134" />
        <source>出件…</source>
        <translation>Hand out…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="174" />
        <source>%1 已出件，出件回执：%2</source>
        <translation>%1 handed out; receipt: %2</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="179" />
        <source>出件未完成</source>
        <translation>Hand-out not completed</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../ui/intake/page.py" line="94" />
        <source>请在左侧查找并选择事项（F2）</source>
        <translation>Find and choose a matter on the left (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="161" />
        <source>回头客：已根据以往办件预填 %1 项</source>
        <translation>Returning applicant: %1 field(s) pre-filled from earlier cases</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="251" />
        <source>已保存：%1（%2），正在生成文书…</source>
        <translation>Saved: %1 (%2), producing documents…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="257" />
        <source>%1 已办结，文书 %2 份</source>
        <translation>%1 done, %2 document(s)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="261" />
        <source>保存失败：%1</source>
        <translation>Saving failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="262" />
        <source>未能办结</source>
        <translation>Could not complete</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page.py" line="265" />
        <source>案件已保存，但文书生成失败：%1</source>
        <translation>The case is saved, but producing its documents failed: %1</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/idle_lock.py" line="66" />
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="78" />
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="79" />
        <source>%1 已离开，输入密码继续</source>
        <translation>%1 stepped away: enter the password to continue</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="80" />
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="81" />
        <source>切换用户（退出登录）</source>
        <translation>Switch user (sign out)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="65" />
        <source>综合窗口受理系统 — 登录</source>
        <translation>Comprehensive window intake — sign in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="66" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="67" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="68" />
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="72" />
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="79" />
        <source>用户名或密码不正确，或账号已停用</source>
        <translation>Wrong user name or password, or the account is disabled</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="289" />
        <source>登录后台</source>
        <translation>Back-office sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="289" />
        <source>后台账号 %1 的密码：</source>
        <translation>Password of back-office account %1:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295" />
        <source>已登录后台</source>
        <translation>Signed in to the back office</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295" />
        <source>后台登录失败：%1</source>
        <translation>Back-office sign-in failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="300" />
        <source>综合窗口受理 — %1 %2</source>
        <translation>Comprehensive window intake — %1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="301" />
        <source>查找事项 (F2)</source>
        <translation>Find a matter (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="302" />
        <source>新的受理 (Ctrl+N)</source>
        <translation>New intake (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="303" />
        <source>打印最近文书 (Ctrl+P)</source>
        <translation>Print latest documents (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="304" />
        <source>群众核对屏</source>
        <translation>Citizen screen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="305" />
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="306" />
        <source>设备</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="307" />
        <source>读卡填入代办人 (Ctrl+Shift+G)</source>
        <translation>Card fills the agent (Ctrl+Shift+G)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308" />
        <source>放置演示证件 (Ctrl+Shift+D)</source>
        <translation>Place a demo card (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309" />
        <source>语言 / Language</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="310" />
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="311" />
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="312" />
        <source>后台办理结果（退回补正/准予）…</source>
        <translation>Back-office results (corrections / approved)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313" />
        <source>同步冲突与隔离…</source>
        <translation>Sync conflicts and quarantine…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="314" />
        <source>登录后台…</source>
        <translation>Sign in to the back office…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332" />
        <source>已读取证件，选择事项后自动填入</source>
        <translation>Card read: it fills in once a matter is chosen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="350" />
        <source>%1：%2（Ctrl+P 打印）</source>
        <translation>%1: %2 (Ctrl+P to print)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="367" />
        <source>打印</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>MaterialsView</name>
    <message>
        <location filename="../../ui/intake/materials.py" line="108" />
        <source>材料清单</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="109" />
        <source>全部收到 (Ctrl+Shift+A)</source>
        <translation>All received (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="110" />
        <source>扫描当前材料 (F6)</source>
        <translation>Scan this material (F6)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="112" />
        <source>材料</source>
        <translation>Material</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="112" />
        <source>收到</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="112" />
        <source>形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="112" />
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="113" />
        <source>电子证照</source>
        <translation>E-licence</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="113" />
        <source>问题说明</source>
        <translation>What is wrong</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="113" />
        <source>扫描页</source>
        <translation>Scanned pages</translation>
    </message>
    <message>
        <location filename="../../ui/intake/materials.py" line="202" />
        <source>已收 %1 / %2</source>
        <translation>Received %1 / %2</translation>
    </message>
</context>
<context>
    <name>MatterSearch</name>
    <message>
        <location filename="../../ui/intake/search.py" line="59" />
        <source>事项查找 (F2)</source>
        <translation>Find a matter (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/search.py" line="60" />
        <source>名称、编码或拼音首字母，如 gtgsh</source>
        <translation>Name, code or pinyin initials, e.g. gtgsh</translation>
    </message>
    <message>
        <location filename="../../ui/intake/search.py" line="81" />
        <source>一件事</source>
        <translation>Bundle</translation>
    </message>
</context>
<context>
    <name>NotifyDialog</name>
    <message>
        <location filename="../../ui/intake/decisions.py" line="172" />
        <source>一次性告知</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="174" />
        <source>需补正的全部内容</source>
        <translation>Everything to be supplied or corrected</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="177" />
        <source>其他需要告知的内容，每行一项（可不填）</source>
        <translation>Anything else to notify, one item per line (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="179" />
        <source>补充告知</source>
        <translation>Also notify</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="187" />
        <source>没有需要告知的内容</source>
        <translation>There is nothing to notify</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="80" />
        <source>同步冲突与隔离</source>
        <translation>Sync conflicts and quarantine</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="81" />
        <source>以下办件未被后台接收。核实后可重试；冲突表示后台已有同一版本的不同内容。</source>
        <translation>The back office did not take these cases. Check them, then retry; a conflict means the back office holds different content for the same revision.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="82" />
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="82" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="82" />
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="82" />
        <location filename="../../ui/sync/dialogs.py" line="109" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="83" />
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="84" />
        <source>查看原因</source>
        <translation>View reasons</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="93" />
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="93" />
        <source>已隔离</source>
        <translation>Quarantined</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../ui/supervisor/queue_panel.py" line="107" />
        <location filename="../../ui/supervisor/queue_panel.py" line="167" />
        <source>全部科室</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/queue_panel.py" line="163" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/queue_panel.py" line="164" />
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/queue_panel.py" line="165" />
        <source>按编号、事项或申请人筛选</source>
        <translation>Filter by number, matter or applicant</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/queue_panel.py" line="170" />
        <source>尚未载入</source>
        <translation>Not loaded yet</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/queue_panel.py" line="172" />
        <source>共 %1 件，已载入前 %2 件</source>
        <translation>%1 cases, the first %2 loaded</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/queue_panel.py" line="175" />
        <source>共 %1 件</source>
        <translation>%1 cases</translation>
    </message>
</context>
<context>
    <name>RatingPanel</name>
    <message>
        <location filename="../../ui/citizen_rating.py" line="99" />
        <source>请为本次服务评价（可不评价）</source>
        <translation>Please rate this service (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_rating.py" line="109" />
        <source>请勾选不满意的原因，然后提交</source>
        <translation>Tick what was wrong, then submit</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_rating.py" line="127" />
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_rating.py" line="137" />
        <source>您对本次服务满意吗？</source>
        <translation>Were you satisfied with our service?</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_rating.py" line="142" />
        <source>其他意见或建议（选填，选“其他”时必填）</source>
        <translation>Other comments (optional; required with “Other”)</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_rating.py" line="143" />
        <source>提交评价</source>
        <translation>Submit</translation>
    </message>
</context>
<context>
    <name>RefuseDialog</name>
    <message>
        <location filename="../../ui/intake/decisions.py" line="193" />
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="198" />
        <source>不予受理理由</source>
        <translation>Reason for refusal</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="201" />
        <source>有权受理的机关</source>
        <translation>Competent agency</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="205" />
        <source>请写明不予受理的理由</source>
        <translation>Write down the reason for refusal</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="208" />
        <source>不属于本机关职权的，应告知有权受理的机关</source>
        <translation>When outside this office's remit, name the competent agency</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <location filename="../../ui/intake/scanning.py" line="79" />
        <source>扫描材料：%1</source>
        <translation>Scan material: %1</translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <location filename="../../ui/scan/panel.py" line="92" />
        <source>拍照（空格）</source>
        <translation>Capture (Space)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="93" />
        <source>放稳自动拍摄</source>
        <translation>Auto-capture when still</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="94" />
        <source>身份证模式</source>
        <translation>ID card mode</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="95" />
        <source>灰度</source>
        <translation>Grey</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="95" />
        <source>彩色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="95" />
        <source>黑白</source>
        <translation>Black and white</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="97" />
        <source>前移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="98" />
        <source>后移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="99" />
        <source>旋转</source>
        <translation>Rotate</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="100" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="101" />
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="102" />
        <source>第{n}页</source>
        <translation>Page {n}</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="103" />
        <source>正在连接高拍仪…</source>
        <translation>Connecting to the document camera…</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="109" />
        <source>正在拍摄…</source>
        <translation>Capturing…</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="118" />
        <source>请放好第{n}页后拍摄</source>
        <translation>Place page {n}, then capture</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="147" />
        <source>重新连接后将自动恢复</source>
        <translation>It resumes by itself once reconnected</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="148" />
        <source>高拍仪未连接</source>
        <translation>Document camera not connected</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="150" />
        <source>高拍仪已连接</source>
        <translation>Document camera connected</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="155" />
        <source>（空白页）</source>
        <translation>(blank page)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/panel.py" line="156" />
        <source>已拍摄第{n}页</source>
        <translation>Page {n} captured</translation>
    </message>
</context>
<context>
    <name>ScanViewer</name>
    <message>
        <location filename="../../ui/supervisor/scan_viewer.py" line="73" />
        <source>没有可显示的页面</source>
        <translation>No pages to show</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/scan_viewer.py" line="82" />
        <source>扫描件：%1</source>
        <translation>Scan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/scan_viewer.py" line="83" />
        <source>第 %1 / %2 页 · %3%</source>
        <translation>Page %1 / %2 · %3%</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/scan_viewer.py" line="85" />
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/scan_viewer.py" line="86" />
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/scan_viewer.py" line="87" />
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/scan_viewer.py" line="88" />
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message>
        <location filename="../../ui/supervisor/window.py" line="55" />
        <source>已提交后台</source>
        <translation>Sent to the back office</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="78" />
        <source>未配置后台地址（[backoffice] url），无法载入审批队列</source>
        <translation>No back-office address configured ([backoffice] url): the queue cannot be loaded</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="87" />
        <source>登录后台</source>
        <translation>Sign in to the back office</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="87" />
        <source>后台账号 %1 的密码：</source>
        <translation>Password of back-office account %1:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="95" />
        <source>已登录后台，正在载入队列…</source>
        <translation>Signed in to the back office, loading the queue…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="97" />
        <source>后台登录失败：%1</source>
        <translation>Back-office sign-in failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="104" />
        <source>正在载入队列：%1 / %2</source>
        <translation>Loading the queue: %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="130" />
        <source>无法记录审计日志，未显示完整信息：%1</source>
        <translation>The audit trail could not be written, so the full data stays hidden: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="150" />
        <source>后台审批 — %1</source>
        <translation>Back office — %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/window.py" line="152" />
        <source>审批人：%1</source>
        <translation>Reviewer: %1</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../ui/sync/indicator.py" line="45" />
        <source>⟳ 正在同步，剩余 %1 件</source>
        <translation>⟳ Syncing, %1 left</translation>
    </message>
    <message>
        <location filename="../../ui/sync/indicator.py" line="47" />
        <source>● 后台在线 · 待同步 %1 件</source>
        <translation>● Back office online · %1 to sync</translation>
    </message>
    <message>
        <location filename="../../ui/sync/indicator.py" line="49" />
        <source>○ 离线 · 待同步 %1 件（不影响受理）</source>
        <translation>○ Offline · %1 to sync (intake goes on)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/indicator.py" line="53" />
        <source>与后台审批系统的连接状态和待推送的办件数</source>
        <translation>Connection to the back office and the number of cases waiting to be sent</translation>
    </message>
</context>
<context>
    <name>TodayCases</name>
    <message>
        <location filename="../../ui/cases/today.py" line="118" />
        <source>今日办件</source>
        <translation>Today's cases</translation>
    </message>
    <message>
        <location filename="../../ui/cases/today.py" line="119" />
        <source>按编号、姓名或事项筛选</source>
        <translation>Filter by number, name or matter</translation>
    </message>
</context>
<context>
    <name>ToleranceDialog</name>
    <message>
        <location filename="../../ui/intake/decisions.py" line="144" />
        <source>容缺受理</source>
        <translation>Accept with tolerance</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="146" />
        <source>容缺材料</source>
        <translation>Tolerated materials</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="152" />
        <source>承诺补齐期限</source>
        <translation>Promised by</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="153" />
        <source>申请人已签署容缺受理承诺书，且无失信记录</source>
        <translation>The applicant signed the tolerance promise and has no bad credit record</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="156" />
        <source>承诺办结日期</source>
        <translation>Promised completion date</translation>
    </message>
    <message>
        <location filename="../../ui/intake/decisions.py" line="163" />
        <source>请确认申请人已签署承诺书且无失信记录</source>
        <translation>Confirm the applicant signed the promise and has no bad credit record</translation>
    </message>
</context>
<context>
    <name>self.screen</name>
    <message>
        <location filename="../../ui/idle_lock.py" line="133" />
        <source>密码不正确</source>
        <translation>Wrong password</translation>
    </message>
</context>
</TS>