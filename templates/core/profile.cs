<h1><?cs var:L.core.profile.title ?></h1>
<p class="muted"><?cs var:User.name ?> (<?cs var:User.login ?>) · <?cs var:L["core.role." + User.role] ?></p>

<section class="card">
  <h2><?cs var:L.core.profile.password ?></h2>
  <?cs if:Profile.pw_error ?><p class="error" id="pw-error"><?cs var:L[Profile.pw_error] ?></p><?cs /if ?>
  <form method="post" action="/profile/password" class="form-grid" id="password-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <label><?cs var:L.core.profile.pw_current ?> <input type="password" name="current" autocomplete="current-password" maxlength="256" required></label>
    <label><?cs var:L.core.profile.pw_new ?> <input type="password" name="password" autocomplete="new-password" minlength="8" maxlength="256" required></label>
    <label><?cs var:L.core.profile.pw_confirm ?> <input type="password" name="confirm" autocomplete="new-password" minlength="8" maxlength="256" required></label>
    <button type="submit" class="primary"><?cs var:L.core.profile.pw_change ?></button>
  </form>
  <p class="muted"><?cs var:L.core.profile.pw_note ?></p>
</section>

<section class="card">
  <h2><?cs var:L.core.profile.tokens ?></h2>
  <p class="muted"><?cs var:L.core.profile.tokens_intro ?></p>
  <?cs if:Profile.new_token ?>
  <p class="flash"><?cs var:L.core.profile.new_token ?><br><code id="new-token"><?cs var:Profile.new_token ?></code></p>
  <?cs /if ?>
  <?cs if:Profile.error ?><p class="error" id="token-error"><?cs var:L[Profile.error] ?></p><?cs /if ?>
  <form method="post" action="/profile/tokens" class="inline" id="token-form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <label><?cs var:L.core.profile.name ?> <input name="name" maxlength="64" required></label>
    <label><?cs var:L.core.profile.days ?> <input name="days" type="number" min="1" max="365" value="90" required></label>
    <button type="submit" class="primary"><?cs var:L.core.profile.create ?></button>
  </form>
  <?cs if:subcount(Profile.tokens) ?>
  <table class="table" id="token-table">
    <thead><tr>
      <th><?cs var:L.core.profile.name ?></th><th><?cs var:L.core.profile.created ?></th>
      <th><?cs var:L.core.profile.expires ?></th><th><?cs var:L.core.profile.last_used ?></th>
      <th><?cs var:L.core.profile.state ?></th><th></th>
    </tr></thead>
    <tbody>
    <?cs each:t = Profile.tokens ?>
      <tr data-id="<?cs var:t.id ?>" data-state="<?cs var:t.state ?>">
        <td><?cs var:t.name ?></td><td><?cs var:t.created ?></td><td><?cs var:t.expires ?></td>
        <td><?cs var:t.last_used ?></td><td><?cs var:L["core.profile." + t.state] ?></td>
        <td><?cs if:t.state == "active" ?>
          <form method="post" action="/profile/tokens/revoke" class="inline">
            <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
            <input type="hidden" name="id" value="<?cs var:t.id ?>">
            <button class="link"><?cs var:L.core.profile.revoke ?></button>
          </form><?cs /if ?></td>
      </tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs else ?>
  <p class="muted"><?cs var:L.core.profile.none ?></p>
  <?cs /if ?>
</section>
