<div class="stats" id="complaints-panel">
  <p class="stat"><span><?cs var:L.complaints.panel.open ?></span> <strong id="cp-open"><?cs var:ComplaintsPanel.open_count ?></strong></p>
  <p class="stat"><span><?cs var:L.complaints.panel.overdue ?></span> <strong id="cp-overdue"><?cs var:ComplaintsPanel.overdue_count ?></strong></p>
  <p class="stat"><span><?cs var:L.complaints.panel.mine ?></span> <strong id="cp-mine"><?cs var:ComplaintsPanel.mine_count ?></strong></p>
  <p class="stat"><span><?cs var:L.complaints.panel.reply_rate ?></span> <strong id="cp-reply-rate"><?cs if:ComplaintsPanel.reply_rate ?><?cs var:ComplaintsPanel.reply_rate ?>%<?cs else ?>–<?cs /if ?></strong></p>
</div>
<p><a href="/complaints/"><?cs var:L.complaints.panel.list ?></a> · <a href="/complaints/ledger"><?cs var:L.complaints.action.ledger ?></a></p>
