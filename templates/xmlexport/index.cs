<?cs # xmlexport/index.cs: the reports a user may export, with a period and a department picker ?>
<h1><?cs var:L.xmlexport.title ?></h1>
<p class="muted"><?cs var:L.xmlexport.intro ?></p>

<section class="card">
<?cs if:subcount(Export.reports) ?>
<form method="get" action="/export/" class="inline filter" id="export-form">
  <label><?cs var:L.xmlexport.from ?>
    <input name="from" id="export-from" type="date" value="<?cs var:Export.from ?>" required></label>
  <label><?cs var:L.xmlexport.to ?>
    <input name="to" id="export-to" type="date" value="<?cs var:Export.to ?>" required></label>
  <label><?cs var:L.xmlexport.dept ?>
    <select name="dept" id="export-dept">
    <?cs each:d = Export.depts ?>
      <option value="<?cs var:d.code ?>"><?cs var:d.code ?> · <?cs if:Lang.current == "en" ?><?cs var:d.name_en ?><?cs else ?><?cs var:d.name_zh ?><?cs /if ?></option>
    <?cs /each ?>
    </select></label>
</form>
<table class="table" id="export-reports">
  <thead>
    <tr><th><?cs var:L.xmlexport.report ?></th><th><?cs var:L.xmlexport.schema ?></th><th></th></tr>
  </thead>
  <tbody>
  <?cs each:r = Export.reports ?>
    <tr data-report="<?cs var:r.name ?>">
      <td><?cs var:L[r.title_key] ?> <span class="muted"><?cs var:r.name ?></span></td>
      <td><a href="/static/schemas/<?cs var:r.xsd ?>"><?cs var:r.xsd ?></a></td>
      <td><button type="submit" form="export-form" class="primary" formaction="/export/<?cs var:r.name ?>.xml" id="export-<?cs var:r.name ?>"><?cs var:L.xmlexport.download ?></button></td>
    </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs else ?>
<p class="muted" id="export-none"><?cs var:L.xmlexport.none ?></p>
<?cs /if ?>
</section>
