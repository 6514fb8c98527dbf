<h1><?cs var:L.core.dashboard.title ?></h1>
<p class="muted"><?cs var:L.core.dashboard.hello ?> <?cs var:User.name ?></p>
<div class="panels">
<?cs each:p = Panels ?>
  <section class="card panel" data-plugin="<?cs var:p.name ?>">
    <h2><?cs var:L[p.title_key] ?></h2>
    <?cs linclude:p.template ?>
  </section>
<?cs /each ?>
<?cs if:!subcount(Panels) ?><p class="muted" id="no-panels"><?cs var:L.core.dashboard.empty ?></p><?cs /if ?>
</div>
