<!DOCTYPE html>
<html lang="<?cs if:Lang.current == "en" ?>en<?cs else ?>zh-CN<?cs /if ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.TitleKey ?><?cs var:L[Page.TitleKey] ?> · <?cs /if ?><?cs var:L.core.product ?></title>
<link rel="stylesheet" href="/static/kefu.css">
</head>
<body>
<header class="top">
  <a class="brand" href="/"><?cs var:L.core.product ?></a>
  <?cs if:User.login ?>
  <input type="checkbox" id="navtoggle" class="navtoggle" aria-label="<?cs var:L.core.nav.menu ?>">
  <label for="navtoggle" class="navbutton"><?cs var:L.core.nav.menu ?></label>
  <nav class="nav">
    <a href="/"><?cs var:L.core.nav.dashboard ?></a>
    <?cs each:n = Nav ?><a href="<?cs var:n.href ?>" data-plugin="<?cs var:n.name ?>"><?cs var:L[n.title_key] ?></a><?cs /each ?>
    <?cs if:User.role == "admin" ?>
    <a href="/admin/departments"><?cs var:L.core.nav.departments ?></a>
    <a href="/admin/users"><?cs var:L.core.nav.users ?></a>
    <a href="/admin/plugins"><?cs var:L.core.nav.plugins ?></a>
    <?cs /if ?>
    <?cs if:User.role == "admin" || User.role == "auditor" ?><a href="/admin/audit"><?cs var:L.core.nav.audit ?></a><?cs /if ?>
  </nav>
  <?cs /if ?>
  <div class="userbox">
    <form method="post" action="/lang" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
      <input type="hidden" name="back" value="<?cs var:Request.path ?>">
      <?cs if:Lang.current == "en" ?>
      <button name="to" value="zh_CN" class="link" lang="zh-CN">中文</button>
      <?cs else ?>
      <button name="to" value="en" class="link" lang="en">English</button>
      <?cs /if ?>
    </form>
    <?cs if:User.login ?>
    <a class="who" href="/profile" id="profile-link"><?cs var:User.name ?> · <?cs var:L["core.role." + User.role] ?></a>
    <form method="post" action="/logout" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
      <button class="link" id="logout"><?cs var:L.core.nav.logout ?></button>
    </form>
    <?cs /if ?>
  </div>
</header>
<main class="page">
  <?cs each:f = Flash ?><p class="flash" role="status"><?cs var:L[f] ?></p><?cs /each ?>
  <?cs include:Page.Template ?>
</main>
<footer class="foot"><?cs var:L.core.footer ?></footer>
</body>
</html>
