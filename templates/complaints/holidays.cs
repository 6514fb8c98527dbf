<h1><?cs var:L.complaints.holidays.title ?></h1>
<p class="muted" id="holidays-clock" data-clock="<?cs var:Holidays.clock ?>"><?cs if:Holidays.clock == "working" ?><?cs var:L.complaints.holidays.clock_working ?><?cs else ?><?cs var:L.complaints.holidays.clock_calendar ?><?cs /if ?></p>
<?cs if:Holidays.error ?><p class="alert" role="alert" id="holiday-error" data-reason="<?cs var:Holidays.error ?>"><?cs var:L["complaints.holidays.error." + Holidays.error] ?></p><?cs /if ?>

<nav class="pager" id="holiday-years">
  <?cs if:Holidays.prev ?><a href="/complaints/holidays?year=<?cs var:Holidays.prev ?>" rel="prev">← <?cs var:Holidays.prev ?></a><?cs /if ?>
  <?cs each:y = Holidays.years ?><a href="/complaints/holidays?year=<?cs var:y.year ?>"<?cs if:y.year == Holidays.year ?> aria-current="page"<?cs /if ?>><?cs var:y.year ?></a><?cs /each ?>
  <?cs if:Holidays.next ?><a href="/complaints/holidays?year=<?cs var:Holidays.next ?>" rel="next"><?cs var:Holidays.next ?> →</a><?cs /if ?>
  <form method="get" action="/complaints/holidays" class="inline" id="holiday-year-form">
    <label><?cs var:L.complaints.holidays.year ?>
      <input name="year" type="number" min="<?cs var:Holidays.min ?>" max="<?cs var:Holidays.max ?>" value="<?cs var:Holidays.year ?>" required></label>
    <button type="submit"><?cs var:L.complaints.holidays.show ?></button>
  </form>
</nav>

<?cs if:Holidays.editable == 1 ?>
<section class="card" id="holiday-add">
  <h2><?cs var:L.complaints.holidays.add ?></h2>
  <p class="muted"><?cs var:L.complaints.holidays.add_hint ?></p>
  <form method="post" action="/complaints/holidays" class="form-grid" id="holiday-add-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <label><?cs var:L.complaints.holidays.day ?>
      <input name="day" type="date" min="<?cs var:Holidays.min ?>-01-01" max="<?cs var:Holidays.max ?>-12-31" required value="<?cs var:Query.day ?>"></label>
    <label><?cs var:L.complaints.holidays.kind ?>
      <select name="kind" required>
        <option value="holiday"<?cs if:Query.kind == "holiday" ?> selected<?cs /if ?>><?cs var:L.complaints.holidays.kinds.holiday ?></option>
        <option value="workday"<?cs if:Query.kind == "workday" ?> selected<?cs /if ?>><?cs var:L.complaints.holidays.kinds.workday ?></option>
      </select></label>
    <label><?cs var:L.complaints.holidays.name ?>
      <input name="name" maxlength="64" value="<?cs var:Query.name ?>"></label>
    <button type="submit" class="primary"><?cs var:L.complaints.holidays.save ?></button>
  </form>
</section>
<?cs /if ?>

<section class="card">
<h2><?cs var:Holidays.year ?></h2>
<?cs if:subcount(Holidays.rows) ?>
<div class="table-wrap"><table class="table" id="holiday-table">
  <tr><th><?cs var:L.complaints.holidays.day ?></th><th><?cs var:L.complaints.holidays.weekday ?></th><th><?cs var:L.complaints.holidays.kind ?></th><th><?cs var:L.complaints.holidays.name ?></th><?cs if:Holidays.editable == 1 ?><th><?cs var:L.complaints.holidays.actions ?></th><?cs /if ?></tr>
  <?cs each:r = Holidays.rows ?>
  <tr data-day="<?cs var:r.day ?>" data-kind="<?cs var:r.kind ?>">
    <td><?cs var:r.day ?></td>
    <td><?cs var:L["complaints.holidays.wday." + r.wday] ?></td>
    <?cs if:Holidays.editable == 1 ?>
    <td colspan="2">
      <form method="post" action="/complaints/holidays" class="inline" data-op="change" data-day="<?cs var:r.day ?>">
        <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
        <input type="hidden" name="day" value="<?cs var:r.day ?>">
        <select name="kind" aria-label="<?cs var:L.complaints.holidays.kind ?>">
          <option value="holiday"<?cs if:r.kind == "holiday" ?> selected<?cs /if ?>><?cs var:L.complaints.holidays.kinds.holiday ?></option>
          <option value="workday"<?cs if:r.kind == "workday" ?> selected<?cs /if ?>><?cs var:L.complaints.holidays.kinds.workday ?></option>
        </select>
        <input name="name" maxlength="64" value="<?cs var:r.name ?>" aria-label="<?cs var:L.complaints.holidays.name ?>">
        <button type="submit"><?cs var:L.complaints.holidays.change ?></button>
      </form>
    </td>
    <td>
      <form method="post" action="/complaints/holidays/delete" class="inline" data-op="delete" data-day="<?cs var:r.day ?>">
        <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
        <input type="hidden" name="day" value="<?cs var:r.day ?>">
        <button type="submit" class="danger"><?cs var:L.complaints.holidays.delete ?></button>
      </form>
    </td>
    <?cs else ?>
    <td><?cs var:L["complaints.holidays.kinds." + r.kind] ?></td>
    <td><?cs var:r.name ?></td>
    <?cs /if ?>
  </tr>
  <?cs /each ?>
</table></div>
<?cs else ?>
<p class="muted" id="holiday-empty"><?cs var:L.complaints.holidays.empty ?></p>
<?cs /if ?>
</section>
