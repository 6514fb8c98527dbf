<h1><?cs var:L.complaints.list.title ?></h1>
<p><?cs if:Complaints.staff == 1 ?><a href="/complaints/new" id="new-complaint" class="button"><?cs var:L.complaints.action.new ?></a> · <?cs /if ?><a href="/complaints/ledger"><?cs var:L.complaints.action.ledger ?></a><?cs if:User.role == "manager" ?> · <a href="/complaints/holidays" id="holidays-link"><?cs var:L.complaints.holidays.link ?></a><?cs /if ?></p>
<nav class="pager" id="tabs">
  <a href="/complaints/?tab=mine"<?cs if:Complaints.tab == "mine" ?> aria-current="page"<?cs /if ?>><?cs var:L.complaints.tab.mine ?></a>
  <a href="/complaints/?tab=dept"<?cs if:Complaints.tab == "dept" ?> aria-current="page"<?cs /if ?>><?cs var:L.complaints.tab.dept ?></a>
  <a href="/complaints/?tab=overdue"<?cs if:Complaints.tab == "overdue" ?> aria-current="page"<?cs /if ?>><?cs var:L.complaints.tab.overdue ?></a>
</nav>
<form method="get" action="/complaints/" class="card form-grid" id="filters">
  <input type="hidden" name="tab" value="<?cs var:Complaints.tab ?>">
  <label><?cs var:L.complaints.field.step ?>
    <select name="step"><option value=""><?cs var:L.complaints.list.all ?></option>
      <option value="open"<?cs if:Complaints.f.step == "open" ?> selected<?cs /if ?>><?cs var:L.complaints.list.open ?></option>
      <?cs each:v = Complaints.enum.step ?><option value="<?cs var:name(v) ?>"<?cs if:Complaints.f.step == name(v) ?> selected<?cs /if ?>><?cs var:v ?></option><?cs /each ?></select></label>
  <?cs def:filter(field, list, selected) ?>
  <label><?cs var:L["complaints.field." + field] ?>
    <select name="<?cs var:field ?>"><option value=""><?cs var:L.complaints.list.all ?></option>
      <?cs each:v = list ?><option value="<?cs var:name(v) ?>"<?cs if:selected == name(v) ?> selected<?cs /if ?>><?cs var:v ?></option><?cs /each ?></select></label>
  <?cs /def ?>
  <?cs call:filter("severity", Complaints.enum.severity, Complaints.f.severity) ?>
  <?cs call:filter("cause", Complaints.enum.cause, Complaints.f.cause) ?>
  <?cs call:filter("channel", Complaints.enum.channel, Complaints.f.channel) ?>
  <label><?cs var:L.complaints.field.abnormal ?>
    <select name="abnormal"><option value=""><?cs var:L.complaints.list.all ?></option>
      <option value="1"<?cs if:Complaints.f.abnormal == "1" ?> selected<?cs /if ?>><?cs var:L.complaints.yes ?></option>
      <option value="0"<?cs if:Complaints.f.abnormal == "0" ?> selected<?cs /if ?>><?cs var:L.complaints.no ?></option></select></label>
  <label><?cs var:L.complaints.list.search ?><input name="q" maxlength="64" value="<?cs var:Complaints.f.q ?>" title="<?cs var:L.complaints.list.search_hint ?>"></label>
  <button type="submit"><?cs var:L.complaints.action.filter ?></button>
</form>
<?cs if:Complaints.page_capped ?><p class="alert" id="page-capped"><?cs var:L.complaints.list.page_capped ?></p><?cs /if ?>
<?cs if:subcount(List) ?>
<div class="table-wrap"><table class="table" id="complaint-list">
  <tr><th><?cs var:L.complaints.field.reference ?></th><th><?cs var:L.complaints.field.customer ?></th><th><?cs var:L.complaints.field.severity ?></th><th><?cs var:L.complaints.field.cause ?></th><th><?cs var:L.complaints.field.step ?></th><th><?cs var:L.complaints.field.owner ?></th><th><?cs var:L.complaints.field.received_at ?></th><th><?cs var:L.complaints.field.resolution_due ?></th></tr>
  <?cs each:c = List ?><tr data-ref="<?cs var:c.reference ?>"<?cs if:c.overdue ?> class="overdue"<?cs /if ?>>
    <td><a href="/complaints/<?cs var:c.reference ?>"><?cs var:c.reference ?></a><?cs if:c.abnormal ?> <span class="badge"><?cs var:L.complaints.field.abnormal ?></span><?cs /if ?></td>
    <td><?cs var:c.customer_name ?> <span class="muted"><?cs var:c.customer_phone ?></span></td>
    <td><?cs var:c.severity ?></td><td><?cs var:c.cause ?></td><td><?cs var:c.step ?></td>
    <td><?cs var:c.owner_name ?></td><td><?cs var:c.received_at ?></td>
    <td><?cs var:c.resolution_due ?><?cs if:c.overdue ?> <span class="badge"><?cs var:L.complaints.case.overdue ?></span><?cs /if ?></td></tr>
  <?cs /each ?>
</table></div>
<?cs else ?><p class="muted" id="list-empty"><?cs var:L.complaints.list.empty ?></p><?cs /if ?>
<?cs def:pagelink(p, label) ?><a href="/complaints/?tab=<?cs var:url_escape(Complaints.tab) ?>&amp;step=<?cs var:url_escape(Complaints.f.step) ?>&amp;severity=<?cs var:url_escape(Complaints.f.severity) ?>&amp;cause=<?cs var:url_escape(Complaints.f.cause) ?>&amp;channel=<?cs var:url_escape(Complaints.f.channel) ?>&amp;abnormal=<?cs var:url_escape(Complaints.f.abnormal) ?>&amp;q=<?cs var:url_escape(Complaints.f.q) ?>&amp;page=<?cs var:p ?>"><?cs var:label ?></a><?cs /def ?>
<nav class="pager">
  <?cs if:Complaints.prev_page ?><?cs call:pagelink(Complaints.prev_page, L.complaints.action.prev) ?><?cs /if ?>
  <span><?cs var:Complaints.page ?></span>
  <?cs if:Complaints.next_page ?><?cs call:pagelink(Complaints.next_page, L.complaints.action.next) ?><?cs /if ?>
</nav>
