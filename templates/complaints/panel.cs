<?cs if:subcount(ComplaintsPanel.overdue_cases) ?>
<div class="card overdue-first" id="cp-overdue-first">
  <h3><?cs var:L.complaints.panel.overdue_first ?></h3>
  <ol id="cp-overdue-list">
  <?cs each:o = ComplaintsPanel.overdue_cases ?>
    <li data-ref="<?cs var:o.reference ?>"><a href="/complaints/<?cs var:o.reference ?>"><?cs var:o.reference ?></a> <?cs var:o.customer_name ?> · <?cs var:L["complaints.step." + o.step] ?> · <span class="badge"><?cs var:L.complaints.panel.due_was ?> <?cs var:o.missed_due ?></span></li>
  <?cs /each ?>
  </ol>
  <p><a href="/complaints/?tab=overdue"><?cs var:L.complaints.panel.all_overdue ?></a></p>
</div>
<?cs /if ?>
<div class="stats" id="complaints-panel">
  <p class="stat"><span><?cs var:L.complaints.panel.open ?></span> <strong id="cp-open"><?cs var:ComplaintsPanel.open_count ?></strong></p>
  <p class="stat"><span><?cs var:L.complaints.panel.overdue ?></span> <strong id="cp-overdue"><?cs var:ComplaintsPanel.overdue_count ?></strong></p>
  <p class="stat"><span><?cs var:L.complaints.panel.mine ?></span> <strong id="cp-mine"><?cs var:ComplaintsPanel.mine_count ?></strong></p>
  <p class="stat"><span><?cs var:L.complaints.panel.reply_rate ?></span> <strong id="cp-reply-rate"><?cs if:ComplaintsPanel.reply_rate ?><?cs var:ComplaintsPanel.reply_rate ?>%<?cs else ?>–<?cs /if ?></strong></p>
</div>
<figure id="cp-causes" class="chart">
  <figcaption><?cs var:L.complaints.panel.by_cause ?></figcaption>
  <svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 460 <?cs var:ComplaintsPanel.chart_height ?>" role="img" aria-label="<?cs var:L.complaints.panel.by_cause ?>">
  <?cs each:b = ComplaintsPanel.causes ?>
    <g data-cause="<?cs var:b.cause ?>" data-count="<?cs var:b.count ?>">
      <text x="0" y="<?cs var:b.ty ?>" font-size="12" fill="currentColor"><?cs var:L["complaints.cause." + b.cause] ?></text>
      <rect x="170" y="<?cs var:b.y ?>" width="<?cs var:b.width ?>" height="18" fill="#3b6ea5"><title><?cs var:L["complaints.cause." + b.cause] ?>: <?cs var:b.count ?></title></rect>
      <text x="<?cs var:b.tx ?>" y="<?cs var:b.ty ?>" font-size="12" fill="currentColor"><?cs var:b.count ?></text>
    </g>
  <?cs /each ?>
  </svg>
</figure>
<p><a href="/complaints/"><?cs var:L.complaints.panel.list ?></a> · <a href="/complaints/ledger"><?cs var:L.complaints.action.ledger ?></a></p>
