<section class="error card" id="refused">
  <h1><?cs var:L.complaints.error.title ?></h1>
  <p class="reason" data-reason="<?cs var:Complaints.refusal ?>"><?cs var:L["complaints.error." + Complaints.refusal] ?></p>
  <?cs if:Complaints.back ?><p><a href="/complaints/<?cs var:Complaints.back ?>"><?cs var:L.complaints.action.back ?></a></p><?cs /if ?>
</section>
