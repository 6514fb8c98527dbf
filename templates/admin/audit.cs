<h1><?cs var:L.core.admin.audit ?></h1>

<section class="card">
  <form method="get" action="/admin/audit" class="inline filter" id="audit-filter">
    <label><?cs var:L.core.admin.action ?>
      <input name="action" value="<?cs var:Filter.action ?>" maxlength="64"></label>
    <label><?cs var:L.core.admin.who ?>
      <input name="user" value="<?cs var:Filter.user ?>" maxlength="64"></label>
    <label><?cs var:L.core.admin.object ?>
      <input name="object" value="<?cs var:Filter.object ?>" maxlength="64"></label>
    <label><?cs var:L.core.admin.from ?>
      <input name="from" type="date" value="<?cs var:Filter.from ?>"></label>
    <label><?cs var:L.core.admin.to ?>
      <input name="to" type="date" value="<?cs var:Filter.to ?>"></label>
    <button type="submit" class="primary"><?cs var:L.core.admin.filter ?></button>
    <a href="/admin/audit"><?cs var:L.core.admin.clear ?></a>
  </form>
</section>

<section class="card">
<?cs if:subcount(Audit.rows) ?>
<table class="table audit" id="audit-table">
  <thead>
    <tr>
      <th><?cs var:L.core.admin.when ?> <span class="muted">(UTC)</span></th>
      <th><?cs var:L.core.admin.who ?></th>
      <th><?cs var:L.core.admin.addr ?></th>
      <th><?cs var:L.core.admin.action ?></th>
      <th><?cs var:L.core.admin.object ?></th>
      <th><?cs var:L.core.admin.before ?></th>
      <th><?cs var:L.core.admin.after ?></th>
    </tr>
  </thead>
  <tbody>
  <?cs each:r = Audit.rows ?>
    <tr data-id="<?cs var:r.id ?>" data-action="<?cs var:r.action ?>" data-object-type="<?cs var:r.object_type ?>" data-object-id="<?cs var:r.object_id ?>">
      <td class="when"><?cs var:r.at ?></td>
      <td class="who"><?cs var:r.user_login ?></td>
      <td class="addr muted"><?cs var:r.addr ?></td>
      <td class="action"><?cs var:r.action ?></td>
      <td class="object"><?cs var:r.object_type ?><?cs if:r.object_id ?> · <?cs var:r.object_id ?><?cs /if ?></td>
      <td class="before muted"><?cs var:r.before_value ?></td>
      <td class="after"><?cs var:r.after_value ?></td>
    </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs else ?>
<p class="muted" id="audit-empty"><?cs var:L.core.admin.none ?></p>
<?cs /if ?>

<nav class="pager">
  <?cs if:Audit.prev || Audit.next ?>
  <form method="get" action="/admin/audit" class="inline" id="audit-pager">
    <input type="hidden" name="action" value="<?cs var:Filter.action ?>">
    <input type="hidden" name="user" value="<?cs var:Filter.user ?>">
    <input type="hidden" name="object" value="<?cs var:Filter.object ?>">
    <input type="hidden" name="from" value="<?cs var:Filter.from ?>">
    <input type="hidden" name="to" value="<?cs var:Filter.to ?>">
    <?cs if:Audit.prev ?><button type="submit" name="page" value="<?cs var:Audit.prev ?>" rel="prev"><?cs var:L.core.admin.newer ?></button><?cs /if ?>
    <span class="muted"><?cs var:L.core.admin.page ?> <?cs var:Audit.page ?></span>
    <?cs if:Audit.next ?><button type="submit" name="page" value="<?cs var:Audit.next ?>" rel="next"><?cs var:L.core.admin.older ?></button><?cs /if ?>
  </form>
  <?cs /if ?>
</nav>
</section>
