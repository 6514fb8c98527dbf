<h1><?cs var:L.core.admin.users ?></h1>

<section class="card" id="user-add">
  <h2><?cs var:L.core.admin.add_user ?></h2>
  <form method="post" action="/admin/users" class="inline" id="user-add-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="op" value="add">
    <label><?cs var:L.core.admin.login ?>
      <input name="login" required maxlength="64" pattern="[a-z0-9._\-]{1,64}" autocomplete="off" title="<?cs var:L.core.admin.login_hint ?>"></label>
    <label><?cs var:L.core.admin.display_name ?>
      <input name="name" required maxlength="128"></label>
    <label><?cs var:L.core.admin.dept ?>
      <select name="dept" required>
        <?cs each:d = Depts ?><?cs if:d.active == "1" ?>
        <option value="<?cs var:d.code ?>"><?cs var:d.code ?> · <?cs if:Lang.current == "en" ?><?cs var:d.name_en ?><?cs else ?><?cs var:d.name_zh ?><?cs /if ?></option>
        <?cs /if ?><?cs /each ?>
      </select></label>
    <label><?cs var:L.core.admin.role ?>
      <select name="role" required>
        <option value="employee"><?cs var:L.core.role.employee ?></option>
        <option value="manager"><?cs var:L.core.role.manager ?></option>
        <option value="auditor"><?cs var:L.core.role.auditor ?></option>
        <option value="admin"><?cs var:L.core.role.admin ?></option>
      </select></label>
    <label><?cs var:L.core.admin.password ?>
      <input name="password" type="password" required minlength="8" maxlength="256" autocomplete="new-password" title="<?cs var:L.core.admin.password_hint ?>"></label>
    <button type="submit" class="primary"><?cs var:L.core.admin.add ?></button>
  </form>
  <p class="muted"><?cs var:L.core.admin.login_hint ?> · <?cs var:L.core.admin.password_hint ?></p>
</section>

<section class="card">
<table class="table users" id="user-table">
  <thead>
    <tr>
      <th><?cs var:L.core.admin.login ?></th>
      <th><?cs var:L.core.admin.display_name ?></th>
      <th><?cs var:L.core.admin.dept ?></th>
      <th><?cs var:L.core.admin.role ?></th>
      <th><?cs var:L.core.admin.status ?></th>
      <th><?cs var:L.core.admin.last_login ?></th>
      <th><?cs var:L.core.admin.actions ?></th>
    </tr>
  </thead>
  <tbody>
  <?cs each:u = Users ?>
    <tr data-login="<?cs var:u.login ?>" data-role="<?cs var:u.role ?>" data-active="<?cs var:u.active ?>" data-locked="<?cs var:u.locked ?>"<?cs if:u.active != "1" ?> class="muted"<?cs /if ?>>
      <td class="login"><?cs var:u.login ?></td>
      <td><?cs var:u.display_name ?></td>
      <td>
        <form method="post" action="/admin/users" class="inline" data-op="dept" data-login="<?cs var:u.login ?>">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
          <input type="hidden" name="op" value="dept">
          <input type="hidden" name="login" value="<?cs var:u.login ?>">
          <select name="dept" aria-label="<?cs var:L.core.admin.dept ?>">
            <?cs each:d = Depts ?><?cs if:d.active == "1" || d.code == u.dept_code ?>
            <option value="<?cs var:d.code ?>"<?cs if:d.code == u.dept_code ?> selected<?cs /if ?>><?cs var:d.code ?></option>
            <?cs /if ?><?cs /each ?>
          </select>
          <button type="submit"><?cs var:L.core.admin.save ?></button>
        </form>
      </td>
      <td>
        <form method="post" action="/admin/users" class="inline" data-op="role" data-login="<?cs var:u.login ?>">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
          <input type="hidden" name="op" value="role">
          <input type="hidden" name="login" value="<?cs var:u.login ?>">
          <select name="role" aria-label="<?cs var:L.core.admin.role ?>">
            <option value="employee"<?cs if:u.role == "employee" ?> selected<?cs /if ?>><?cs var:L.core.role.employee ?></option>
            <option value="manager"<?cs if:u.role == "manager" ?> selected<?cs /if ?>><?cs var:L.core.role.manager ?></option>
            <option value="auditor"<?cs if:u.role == "auditor" ?> selected<?cs /if ?>><?cs var:L.core.role.auditor ?></option>
            <option value="admin"<?cs if:u.role == "admin" ?> selected<?cs /if ?>><?cs var:L.core.role.admin ?></option>
          </select>
          <button type="submit"><?cs var:L.core.admin.save ?></button>
        </form>
      </td>
      <td class="status">
        <?cs if:u.active == "1" ?><?cs var:L.core.admin.active ?><?cs else ?><?cs var:L.core.admin.inactive ?><?cs /if ?>
        <?cs if:u.locked == "1" ?><span class="danger locked"><?cs var:L.core.admin.locked ?></span><?cs /if ?>
      </td>
      <td class="muted"><?cs var:u.last_login ?></td>
      <td>
        <form method="post" action="/admin/users" class="inline" data-op="passwd" data-login="<?cs var:u.login ?>">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
          <input type="hidden" name="op" value="passwd">
          <input type="hidden" name="login" value="<?cs var:u.login ?>">
          <input name="password" type="password" required minlength="8" maxlength="256" autocomplete="new-password" aria-label="<?cs var:L.core.admin.new_password ?>" placeholder="<?cs var:L.core.admin.new_password ?>">
          <button type="submit"><?cs var:L.core.admin.reset_password ?></button>
        </form>
        <?cs if:u.locked == "1" || u.failed_logins != "0" ?>
        <form method="post" action="/admin/users" class="inline" data-op="unlock" data-login="<?cs var:u.login ?>">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
          <input type="hidden" name="op" value="unlock">
          <input type="hidden" name="login" value="<?cs var:u.login ?>">
          <button type="submit"><?cs var:L.core.admin.unlock ?></button>
        </form>
        <?cs /if ?>
        <form method="post" action="/admin/users" class="inline" data-op="<?cs if:u.active == "1" ?>deactivate<?cs else ?>activate<?cs /if ?>" data-login="<?cs var:u.login ?>">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
          <input type="hidden" name="login" value="<?cs var:u.login ?>">
          <?cs if:u.active == "1" ?>
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
