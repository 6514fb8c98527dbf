<?cs def:dname(zh, en) ?><?cs if:Lang.current == "en" ?><?cs var:en ?><?cs else ?><?cs var:zh ?><?cs /if ?><?cs /def ?>
<h1><?cs var:L.complaints.case.title ?> <span id="case-ref"><?cs var:Case.reference ?></span>
  <span class="badge" id="case-step" data-step="<?cs var:Case.step ?>"><?cs var:L["complaints.step." + Case.step] ?></span>
  <?cs if:Case.abnormal == 1 ?><span class="badge" id="case-abnormal"><?cs var:L.complaints.field.abnormal ?></span><?cs /if ?>
  <?cs if:Case.paused == 1 ?><span class="badge" id="case-paused"><?cs var:L.complaints.case.paused ?></span><?cs /if ?>
  <?cs if:Case.overdue_resolution == 1 || Case.overdue_contact == 1 ?><span class="badge" id="case-overdue"><?cs var:L.complaints.case.overdue ?></span><?cs /if ?>
</h1>
<?cs if:Case.abnormal == 1 ?><p class="alert"><?cs var:L.complaints.abnormal_hint ?></p><?cs /if ?>
<?cs if:Case.merged_into ?><p class="alert" id="case-merged-into"><?cs var:L.complaints.case.merged_into ?> <a href="/complaints/<?cs var:Case.merged_into ?>"><?cs var:Case.merged_into ?></a></p><?cs /if ?>
<?cs if:subcount(Related) || subcount(MergedFrom) ?>
<section class="card" id="case-related">
  <h2><?cs var:L.complaints.case.related ?></h2>
  <ul>
  <?cs each:r = Related ?><li data-related="<?cs var:r.reference ?>"><a href="/complaints/<?cs var:r.reference ?>"><?cs var:r.reference ?></a> <span class="muted"><?cs var:L["complaints.step." + r.step] ?></span></li><?cs /each ?>
  <?cs each:m = MergedFrom ?><li data-merged-from="<?cs var:m.reference ?>"><?cs var:L.complaints.case.merged_from ?> <a href="/complaints/<?cs var:m.reference ?>"><?cs var:m.reference ?></a></li><?cs /each ?>
  </ul>
</section>
<?cs /if ?>

<section class="card" id="case-guide">
  <h2><?cs var:L.complaints.case.guide ?></h2>
  <p><?cs var:L["complaints.guide." + Case.step] ?></p>
</section>

<section class="card">
  <h2><?cs var:L.complaints.case.classification ?></h2>
  <dl class="form-grid">
    <dt><?cs var:L.complaints.field.severity ?></dt><dd id="case-severity"><?cs var:L["complaints.severity." + Case.severity] ?></dd>
    <dt><?cs var:L.complaints.field.cause ?></dt><dd><?cs var:L["complaints.cause." + Case.cause] ?></dd>
    <dt><?cs var:L.complaints.field.channel ?></dt><dd><?cs var:L["complaints.channel." + Case.channel] ?></dd>
    <dt><?cs var:L.complaints.field.behaviour ?></dt><dd><?cs var:L["complaints.behaviour." + Case.behaviour] ?></dd>
    <dt><?cs var:L.complaints.field.purpose ?></dt><dd><?cs var:L["complaints.purpose." + Case.purpose] ?></dd>
    <dt><?cs var:L.complaints.field.reasonable ?></dt><dd><?cs if:Case.reasonable == "1" ?><?cs var:L.complaints.reasonable.yes ?><?cs elif:Case.reasonable == "0" ?><?cs var:L.complaints.reasonable.no ?><?cs else ?><?cs var:L.complaints.reasonable.unknown ?><?cs /if ?></dd>
    <?cs if:Case.abnormal == 1 ?><dt><?cs var:L.complaints.field.signs ?></dt><dd id="case-signs" data-signs="<?cs var:Case.abnormal_signs ?>"><?cs each:g = Signs ?><?cs var:L["complaints.sign." + g] ?><?cs if:!last(g) ?><?cs var:L.complaints.sep ?><?cs /if ?><?cs /each ?></dd><?cs /if ?>
  </dl>
</section>

<section class="card">
  <h2><?cs var:L.complaints.case.customer ?></h2>
  <dl class="form-grid">
    <dt><?cs var:L.complaints.field.customer_no ?></dt><dd><?cs var:Case.customer_no ?></dd>
    <dt><?cs var:L.complaints.field.customer_name ?></dt><dd id="case-customer"><?cs var:Case.customer_name ?></dd>
    <dt><?cs var:L.complaints.field.customer_phone ?></dt><dd><?cs var:Case.customer_phone ?></dd>
    <dt><?cs var:L.complaints.field.description ?></dt><dd id="case-description"><?cs var:Case.description ?></dd>
    <dt><?cs var:L.complaints.field.customer_request ?></dt><dd><?cs var:Case.customer_request ?></dd>
  </dl>
</section>

<section class="card">
  <h2><?cs var:L.complaints.case.handling ?></h2>
  <dl class="form-grid">
    <dt><?cs var:L.complaints.field.received_at ?></dt><dd><?cs var:Case.received_at ?></dd>
    <dt><?cs var:L.complaints.field.first_responder ?></dt><dd id="case-first"><?cs var:Case.first_name ?></dd>
    <dt><?cs var:L.complaints.field.owner ?></dt><dd id="case-owner"><?cs var:Case.owner_name ?></dd>
    <dt><?cs var:L.complaints.field.dept ?></dt><dd><?cs call:dname(Case.dept_zh, Case.dept_en) ?></dd>
    <dt><?cs var:L.complaints.field.handling_dept ?></dt><dd><?cs if:Case.hdept_zh ?><?cs call:dname(Case.hdept_zh, Case.hdept_en) ?><?cs else ?><?cs var:L.complaints.case.none ?><?cs /if ?></dd>
    <dt><?cs var:L.complaints.field.first_contact_due ?></dt><dd id="case-contact-due"><?cs var:Case.first_contact_due ?><?cs if:Case.overdue_contact == 1 ?> <span class="badge"><?cs var:L.complaints.case.overdue ?></span><?cs /if ?></dd>
    <dt><?cs var:L.complaints.field.first_contact_at ?></dt><dd><?cs var:Case.first_contact_at ?></dd>
    <dt><?cs var:L.complaints.field.resolution_due ?></dt><dd id="case-resolution-due"><?cs var:Case.resolution_due ?><?cs if:Case.overdue_resolution == 1 ?> <span class="badge"><?cs var:L.complaints.case.overdue ?></span><?cs /if ?></dd>
    <dt><?cs if:Complaints.clock == "working" ?><?cs var:L.complaints.field.paused_total_working ?><?cs else ?><?cs var:L.complaints.field.paused_total ?><?cs /if ?></dt><dd id="case-paused-total" data-minutes="<?cs var:Case.paused_minutes ?>"><?cs var:Complaints.paused_total ?><?cs if:Case.paused == 1 ?> <span class="muted">(<?cs var:L.complaints.case.paused_since ?> <?cs var:Case.paused_since ?>)</span><?cs /if ?></dd>
    <dt><?cs var:L.complaints.field.closed_at ?></dt><dd><?cs var:Case.closed_at ?></dd>
    <dt><?cs var:L.complaints.field.satisfaction ?></dt><dd id="case-satisfaction"><?cs var:Case.satisfaction ?></dd>
    <dt><?cs var:L.complaints.field.root_cause ?></dt><dd><?cs var:Case.root_cause ?></dd>
    <dt><?cs var:L.complaints.field.improvement ?></dt><dd><?cs var:Case.improvement ?></dd>
  </dl>
</section>

<section class="card">
  <h2><?cs var:L.complaints.case.timeline ?></h2>
  <ol class="timeline" id="case-timeline">
  <?cs each:e = Events ?>
    <li data-kind="<?cs var:e.kind ?>"><time><?cs var:e.at ?></time> · <?cs var:e.who ?> · <?cs var:L["complaints.kind." + e.kind] ?>
      <?cs if:e.to_step ?>: <?cs if:e.from_step ?><?cs var:L["complaints.step." + e.from_step] ?> → <?cs /if ?><?cs var:L["complaints.step." + e.to_step] ?><?cs /if ?>
      <?cs if:e.target ?> → <?cs var:e.target ?><?cs /if ?>
      <?cs if:e.note ?><br><span class="muted"><?cs var:e.note ?></span><?cs /if ?></li>
  <?cs /each ?>
  </ol>
</section>

<section class="card">
  <h2><?cs var:L.complaints.case.replies ?> (<span id="case-replies"><?cs var:Case.reply_count ?></span>)</h2>
  <?cs if:subcount(Replies) ?>
  <div class="table-wrap"><table class="table" id="reply-ledger">
    <tr><th><?cs var:L.complaints.field.when ?></th><th><?cs var:L.complaints.field.who ?></th><th><?cs var:L.complaints.field.channel ?></th><th><?cs var:L.complaints.field.text ?></th></tr>
    <?cs each:r = Replies ?><tr><td><?cs var:r.at ?></td><td><?cs var:r.who ?></td><td><?cs var:L["complaints.channel." + r.channel] ?></td><td><?cs var:r.text ?></td></tr><?cs /each ?>
  </table></div>
  <?cs else ?><p class="muted"><?cs var:L.complaints.case.no_replies ?></p><?cs /if ?>
</section>

<section class="card">
  <h2><?cs var:L.complaints.case.comps ?></h2>
  <p class="muted"><?cs var:L.complaints.limit_hint ?> <?cs var:Complaints.limit ?></p>
  <?cs if:subcount(Comps) ?>
  <div class="table-wrap"><table class="table" id="comps">
    <tr><th><?cs var:L.complaints.field.remedy ?></th><th><?cs var:L.complaints.field.amount ?></th><th><?cs var:L.complaints.field.basis ?></th><th><?cs var:L.complaints.field.proposer ?></th><th><?cs var:L.complaints.field.status ?></th><th><?cs var:L.complaints.field.approver ?></th><th></th></tr>
    <?cs each:p = Comps ?><tr data-comp="<?cs var:p.id ?>" data-status="<?cs var:p.status ?>">
      <td><?cs var:L["complaints.remedy." + p.remedy] ?></td><td><?cs var:p.amount ?></td><td><?cs var:p.basis ?></td>
      <td><?cs var:p.proposer ?> <?cs var:p.proposed_at ?></td><td><?cs var:L["complaints.comp_status." + p.status] ?></td>
      <td><?cs var:p.approver ?> <?cs var:p.approved_at ?></td>
      <td><?cs if:p.status == "pending" && Complaints.manager == 1 && p.proposed_by != Complaints.me && Complaints.open == 1 ?>
        <form method="post" action="/complaints/<?cs var:Case.reference ?>/approve" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
          <input type="hidden" name="comp_id" value="<?cs var:p.id ?>">
          <button type="submit"><?cs var:L.complaints.action.approve ?></button>
        </form><?cs /if ?>
        <?cs if:p.status == "pending" && Complaints.manager == 1 && Complaints.open == 1 ?>
        <form method="post" action="/complaints/<?cs var:Case.reference ?>/approve" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
          <input type="hidden" name="comp_id" value="<?cs var:p.id ?>">
          <button type="submit" name="decision" value="reject"><?cs var:L.complaints.action.reject ?></button>
        </form><?cs /if ?></td></tr><?cs /each ?>
  </table></div>
  <?cs /if ?>
</section>

<section class="card">
  <h2><?cs var:L.complaints.case.evidence ?></h2>
  <?cs if:subcount(Attachments) ?>
  <ul id="attachments">
  <?cs each:a = Attachments ?><li data-attachment="<?cs var:a.id ?>"><a href="/complaints/<?cs var:Case.reference ?>/attachments/<?cs var:a.id ?>"><?cs var:a.filename ?></a>
    <span class="muted"><?cs var:a.content_type ?> · <?cs var:a.size ?> B · <?cs var:a.who ?> · <?cs var:a.at ?></span></li><?cs /each ?>
  </ul>
  <?cs else ?><p class="muted"><?cs var:L.complaints.case.no_evidence ?></p><?cs /if ?>
  <?cs if:Complaints.may_act == 1 ?>
  <form method="post" action="/complaints/<?cs var:Case.reference ?>/attach" id="form-attach" class="form-grid" enctype="multipart/form-data">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <label><?cs var:L.complaints.field.file ?><input type="file" name="file" required accept="image/jpeg,image/png,image/gif,application/pdf,audio/mpeg,audio/wav,video/mp4,video/webm"></label>
    <p class="muted"><?cs var:L.complaints.evidence_hint ?> <?cs var:Complaints.attach_max_kb ?> KiB</p>
    <button type="submit"><?cs var:L.complaints.action.attach ?></button>
  </form>
  <?cs /if ?>
</section>

<?cs if:Complaints.may_act == 1 && Complaints.open == 1 ?>
<section class="card" id="case-actions">
  <h2><?cs var:L.complaints.case.actions ?></h2>

  <form method="post" action="/complaints/<?cs var:Case.reference ?>/step" id="form-step" class="form-grid">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="to" value="<?cs var:Complaints.next ?>">
    <?cs if:Complaints.next == "dept_decided" ?>
    <label><?cs var:L.complaints.field.handling_dept ?>
      <select name="handling_dept_id" required><?cs each:d = Depts ?><option value="<?cs var:d.id ?>"><?cs call:dname(d.name_zh, d.name_en) ?></option><?cs /each ?></select></label>
    <?cs elif:Complaints.next == "feedback_collected" ?>
    <label><?cs var:L.complaints.field.satisfaction ?>
      <select name="satisfaction" required><option value=""></option><option>1</option><option>2</option><option>3</option><option>4</option><option>5</option></select></label>
    <?cs elif:Complaints.next == "closed" ?>
    <label><?cs var:L.complaints.field.root_cause ?><textarea name="root_cause" rows="3" maxlength="4000" required></textarea></label>
    <label><?cs var:L.complaints.field.improvement ?><textarea name="improvement" rows="3" maxlength="4000" required></textarea></label>
    <label><?cs var:L.complaints.field.reasonable ?>
      <select name="reasonable"><option value=""><?cs var:L.complaints.reasonable.unknown ?></option><option value="1"><?cs var:L.complaints.reasonable.yes ?></option><option value="0"><?cs var:L.complaints.reasonable.no ?></option></select></label>
    <?cs /if ?>
    <label><?cs var:L.complaints.field.note ?><textarea name="note" rows="2" maxlength="4000"></textarea></label>
    <button type="submit" class="primary"><?cs var:L.complaints.action.advance ?> <?cs var:L["complaints.step." + Complaints.next] ?></button>
  </form>

  <?cs if:Case.paused == 1 ?>
  <form method="post" action="/complaints/<?cs var:Case.reference ?>/resume" id="form-resume" class="form-grid">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <label><?cs var:L.complaints.field.note ?><input name="note" maxlength="4000"></label>
    <button type="submit"><?cs var:L.complaints.action.resume ?></button>
  </form>
  <?cs else ?>
  <form method="post" action="/complaints/<?cs var:Case.reference ?>/pause" id="form-pause" class="form-grid">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <label><?cs var:L.complaints.field.pause_reason ?><input name="reason" maxlength="4000" required></label>
    <button type="submit"><?cs var:L.complaints.action.pause ?></button>
  </form>
  <?cs /if ?>

  <form method="post" action="/complaints/<?cs var:Case.reference ?>/reply" id="form-reply" class="form-grid">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <label><?cs var:L.complaints.field.channel ?>
      <select name="channel"><?cs each:v = Complaints.enum.channel ?><option value="<?cs var:name(v) ?>"><?cs var:v ?></option><?cs /each ?></select></label>
    <label><?cs var:L.complaints.field.text ?><textarea name="text" rows="2" maxlength="4000" required></textarea></label>
    <button type="submit"><?cs var:L.complaints.action.reply ?></button>
  </form>

  <?cs if:subcount(Staff) ?>
  <form method="post" action="/complaints/<?cs var:Case.reference ?>/handover" id="form-handover" class="form-grid">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <label><?cs var:L.complaints.field.to_user ?>
      <select name="to_user" required><?cs each:s = Staff ?><option value="<?cs var:s.id ?>"><?cs var:s.name ?> (<?cs call:dname(s.dept_zh, s.dept_en) ?>)</option><?cs /each ?></select></label>
    <label><?cs var:L.complaints.field.note ?><input name="note" maxlength="4000"></label>
    <button type="submit"><?cs var:L.complaints.action.handover ?></button>
  </form>
  <?cs /if ?>

  <form method="post" action="/complaints/<?cs var:Case.reference ?>/compensation" id="form-compensation" class="form-grid">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <label><?cs var:L.complaints.field.remedy ?>
      <select name="remedy"><?cs each:v = Complaints.enum.remedy ?><option value="<?cs var:name(v) ?>"><?cs var:v ?></option><?cs /each ?></select></label>
    <label><?cs var:L.complaints.field.amount ?><input name="amount" inputmode="decimal" pattern="[0-9]+(\.[0-9]{1,2})?" value="0"></label>
    <label><?cs var:L.complaints.field.basis ?><input name="basis" maxlength="255"></label>
    <button type="submit"><?cs var:L.complaints.action.compensation ?></button>
  </form>

  <form method="post" action="/complaints/<?cs var:Case.reference ?>/link" id="form-link" class="form-grid">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <label><?cs var:L.complaints.field.target ?><input name="target" required pattern="TS-[0-9]{4}-[0-9]{6}" placeholder="TS-0000-000000"></label>
    <button type="submit"><?cs var:L.complaints.action.link ?></button>
  </form>

  <form method="post" action="/complaints/<?cs var:Case.reference ?>/merge" id="form-merge" class="form-grid">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <label><?cs var:L.complaints.field.merge_target ?><input name="target" required pattern="TS-[0-9]{4}-[0-9]{6}" placeholder="TS-0000-000000"></label>
    <label><?cs var:L.complaints.field.note ?><input name="note" maxlength="4000"></label>
    <button type="submit"><?cs var:L.complaints.action.merge ?></button>
  </form>

  <?cs if:Case.abnormal != 1 ?>
  <form method="post" action="/complaints/<?cs var:Case.reference ?>/abnormal" id="form-abnormal" class="form-grid">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <fieldset><legend><?cs var:L.complaints.field.signs ?></legend>
    <?cs each:v = Complaints.enum.sign ?><label><input type="checkbox" name="sign_<?cs var:name(v) ?>" value="1"> <?cs var:v ?></label><?cs /each ?>
    </fieldset>
    <label><?cs var:L.complaints.field.note ?><input name="note" maxlength="4000"></label>
    <button type="submit"><?cs var:L.complaints.action.abnormal ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs elif:Complaints.open == 1 ?>
<p class="muted" id="case-readonly"><?cs var:L.complaints.case.readonly ?></p>
<?cs /if ?>

<?cs if:Complaints.open != 1 && Complaints.manager == 1 ?>
<section class="card">
  <form method="post" action="/complaints/<?cs var:Case.reference ?>/reopen" id="form-reopen" class="form-grid">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <label><?cs var:L.complaints.field.reason ?><textarea name="reason" rows="2" maxlength="4000" required></textarea></label>
    <button type="submit"><?cs var:L.complaints.action.reopen ?></button>
  </form>
</section>
<?cs /if ?>
