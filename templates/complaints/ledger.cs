<?cs def:dname(zh, en) ?><?cs if:Lang.current == "en" ?><?cs var:en ?><?cs else ?><?cs var:zh ?><?cs /if ?><?cs /def ?>
<h1><?cs var:L.complaints.ledger.title ?></h1>
<form method="get" action="/complaints/ledger" class="card form-grid" id="ledger-period">
  <label><?cs var:L.complaints.ledger.period ?> <?cs var:L.complaints.ledger.from ?><input type="date" name="from" value="<?cs var:Complaints.from ?>"></label>
  <label><?cs var:L.complaints.ledger.to ?><input type="date" name="to" value="<?cs var:Complaints.to ?>"></label>
  <button type="submit"><?cs var:L.complaints.ledger.show ?></button>
</form>
<p class="muted"><?cs var:L.complaints.ledger.note ?></p>
<div class="table-wrap"><table class="table" id="ledger-summary">
  <tr><th><?cs var:L.complaints.ledger.dept ?></th><th><?cs var:L.complaints.ledger.total ?></th><th><?cs var:L.complaints.ledger.replied ?></th><th><?cs var:L.complaints.ledger.reply_rate ?></th><th><?cs var:L.complaints.ledger.closed ?></th><th><?cs var:L.complaints.ledger.on_time ?></th><th><?cs var:L.complaints.ledger.on_time_rate ?></th><th><?cs var:L.complaints.ledger.overdue ?></th><th><?cs var:L.complaints.ledger.abnormal ?></th></tr>
  <?cs each:d = Ledger.depts ?>
  <tr><td><?cs call:dname(d.name_zh, d.name_en) ?></td><td><?cs var:d.total ?></td><td><?cs var:d.replied ?></td><td><?cs var:d.reply_rate ?></td><td><?cs var:d.closed ?></td><td><?cs var:d.on_time ?></td><td><?cs var:d.on_time_rate ?></td><td><?cs var:d.overdue ?></td><td><?cs var:d.abnormal ?></td></tr>
  <?cs /each ?>
  <?cs each:t = Ledger.total ?>
  <tr id="ledger-total"><th><?cs var:L.complaints.ledger.all ?></th><th><?cs var:t.total ?></th><th><?cs var:t.replied ?></th><th id="ledger-reply-rate"><?cs var:t.reply_rate ?></th><th><?cs var:t.closed ?></th><th><?cs var:t.on_time ?></th><th id="ledger-on-time-rate"><?cs var:t.on_time_rate ?></th><th><?cs var:t.overdue ?></th><th><?cs var:t.abnormal ?></th></tr>
  <?cs /each ?>
</table></div>
<h2><?cs var:L.complaints.ledger.cases ?></h2>
<div class="table-wrap"><table class="table" id="ledger-cases">
  <tr><th><?cs var:L.complaints.field.reference ?></th><th><?cs var:L.complaints.field.customer ?></th><th><?cs var:L.complaints.field.severity ?></th><th><?cs var:L.complaints.field.step ?></th><th><?cs var:L.complaints.field.owner ?></th><th><?cs var:L.complaints.field.received_at ?></th><th><?cs var:L.complaints.field.replies ?></th><th><?cs var:L.complaints.field.first_contact_at ?></th><th><?cs var:L.complaints.field.closed_at ?></th><th><?cs var:L.complaints.field.satisfaction ?></th></tr>
  <?cs each:c = Ledger.cases ?>
  <tr><td><a href="/complaints/<?cs var:c.reference ?>"><?cs var:c.reference ?></a></td><td><?cs var:c.customer_name ?></td><td><?cs var:L["complaints.severity." + c.severity] ?></td><td><?cs var:L["complaints.step." + c.step] ?></td><td><?cs var:c.owner_name ?></td><td><?cs var:c.received_at ?></td><td><?cs var:c.reply_count ?></td><td><?cs var:c.first_contact_at ?></td><td><?cs var:c.closed_at ?><?cs if:c.closed_at && c.on_time != 1 ?> <span class="badge"><?cs var:L.complaints.case.overdue ?></span><?cs /if ?></td><td><?cs var:c.satisfaction ?></td></tr>
  <?cs /each ?>
</table></div>
