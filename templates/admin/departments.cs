<h1><?cs var:L.core.admin.departments ?></h1>

<section class="card" id="dept-add">
  <h2><?cs var:L.core.admin.add_dept ?></h2>
  <form method="post" action="/admin/departments" class="inline" id="dept-add-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="op" value="add">
    <label><?cs var:L.core.admin.code ?>
      <input name="code" required maxlength="32" pattern="[A-Za-z0-9_\-]{1,32}"></label>
    <label><?cs var:L.core.admin.name_zh ?>
      <input name="name_zh" required maxlength="128"></label>
    <label><?cs var:L.core.admin.name_en ?>
      <input name="name_en" required maxlength="128"></label>
    <label><?cs var:L.core.admin.parent ?>
      <select name="parent" required>
        <?cs each:d = Depts ?><?cs if:d.active == "1" ?>
        <option value="<?cs var:d.code ?>"><?cs var:d.code ?> · <?cs if:Lang.current == "en" ?><?cs var:d.name_en ?><?cs else ?><?cs var:d.name_zh ?><?cs /if ?></option>
        <?cs /if ?><?cs /each ?>
      </select></label>
    <button type="submit" class="primary"><?cs var:L.core.admin.add ?></button>
  </form>
</section>

<section class="card">
<table class="table depts" id="dept-table">
  <thead>
    <tr>
      <th><?cs var:L.core.admin.code ?></th>
      <th><?cs var:L.core.admin.name_zh ?> / <?cs var:L.core.admin.name_en ?></th>
      <th><?cs var:L.core.admin.parent ?></th>
      <th><?cs var:L.core.admin.status ?></th>
      <th><?cs var:L.core.admin.actions ?></th>
    </tr>
  </thead>
  <tbody>
  <?cs each:d = Depts ?>
    <tr data-dept="<?cs var:d.code ?>" data-depth="<?cs var:d.depth ?>" data-active="<?cs var:d.active ?>" class="depth-<?cs var:d.depth ?><?cs if:d.active != "1" ?> muted<?cs /if ?>">
      <td class="code"><?cs loop:i = 1, d.depth, 1 ?><span class="indent">└ </span><?cs /loop ?><?cs var:d.code ?></td>
      <td>
        <form method="post" action="/admin/departments" class="inline rename" data-op="rename" data-dept="<?cs var:d.code ?>">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
          <input type="hidden" name="op" value="rename">
          <input type="hidden" name="code" value="<?cs var:d.code ?>">
          <input name="name_zh" value="<?cs var:d.name_zh ?>" required maxlength="128" aria-label="<?cs var:L.core.admin.name_zh ?>">
          <input name="name_en" value="<?cs var:d.name_en ?>" required maxlength="128" aria-label="<?cs var:L.core.admin.name_en ?>">
          <button type="submit"><?cs var:L.core.admin.rename ?></button>
        </form>
      </td>
      <td>
        <?cs if:d.parent_code ?>
        <form method="post" action="/admin/departments" class="inline move" data-op="move" data-dept="<?cs var:d.code ?>">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
          <input type="hidden" name="op" value="move">
          <input type="hidden" name="code" value="<?cs var:d.code ?>">
          <select name="parent" aria-label="<?cs var:L.core.admin.parent ?>">
            <?cs each:p = Depts ?>
            <option value="<?cs var:p.code ?>"<?cs if:p.code == d.parent_code ?> selected<?cs /if ?>><?cs var:p.code ?></option>
            <?cs /each ?>
          </select>
          <button type="submit"><?cs var:L.core.admin.move ?></button>
        </form>
        <?cs else ?><span class="muted">—</span><?cs /if ?>
      </td>
      <td class="status"><?cs if:d.active == "1" ?><?cs var:L.core.admin.active ?><?cs else ?><?cs var:L.core.admin.inactive ?><?cs /if ?></td>
      <td>
        <form method="post" action="/admin/departments" class="inline" data-op="<?cs if:d.active == "1" ?>deactivate<?cs else ?>activate<?cs /if ?>" data-dept="<?cs var:d.code ?>">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
          <input type="hidden" name="code" value="<?cs var:d.code ?>">
          <?cs if:d.active == "1" ?>
          <button type="submit" name="op" value="deactivate" class="danger"><?cs var:L.core.admin.deactivate ?></button>
          <?cs else ?>
          <button type="submit" name="op" value="activate"><?cs var:L.core.admin.activate ?></button>
          <?cs /if ?>
        </form>
      </td>
    </tr>
  <?cs /each ?>
  </tbody>
</table>
</section>
