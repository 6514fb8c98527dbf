<section class="error">
  <h1><?cs var:Error.Status ?> · <?cs var:L["core.error.s" + Error.Status] ?></h1>
  <?cs if:Error.Reason ?><p class="reason"><?cs var:L["core.error.reason." + Error.Reason] ?></p><?cs /if ?>
  <?cs if:Error.Id ?><p><?cs var:L.core.error.id ?> <code class="error-id"><?cs var:Error.Id ?></code></p><?cs /if ?>
  <p><a href="/"><?cs var:L.core.error.home ?></a></p>
</section>
