<section class="login card">
  <h1><?cs var:L.core.login.title ?></h1>
  <?cs if:Form.error ?><p class="alert" role="alert"><?cs var:L[Form.error] ?></p><?cs /if ?>
  <form method="post" action="/login">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="next" value="<?cs var:Form.next ?>">
    <label><?cs var:L.core.login.username ?>
      <input name="username" autocomplete="username" required maxlength="64" autofocus></label>
    <label><?cs var:L.core.login.password ?>
      <input name="password" type="password" autocomplete="current-password" required maxlength="256"></label>
    <button type="submit" class="primary"><?cs var:L.core.login.submit ?></button>
  </form>
</section>
