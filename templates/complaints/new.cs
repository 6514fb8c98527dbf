<h1><?cs var:L.complaints.new.title ?></h1>
<?cs if:Complaints.form_error ?><p class="alert" role="alert" id="form-error"><?cs var:L["complaints.form_error." + Complaints.form_error] ?></p><?cs /if ?>
<form method="post" action="/complaints/new" class="card" id="intake" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
  <fieldset class="form-grid">
    <legend><?cs var:L.complaints.new.customer_legend ?></legend>
    <p class="muted"><?cs var:L.complaints.new.customer_hint ?></p>
    <label><?cs var:L.complaints.field.customer_no ?>
      <input name="customer_no" maxlength="32" value="<?cs var:Query.customer_no ?>"></label>
    <label><?cs var:L.complaints.field.customer_name ?>
      <input name="customer_name" maxlength="128" value="<?cs var:Query.customer_name ?>"></label>
    <label><?cs var:L.complaints.field.customer_phone ?>
      <input name="customer_phone" maxlength="32" type="tel" value="<?cs var:Query.customer_phone ?>"></label>
  </fieldset>
  <fieldset class="form-grid">
    <legend><?cs var:L.complaints.new.classification_legend ?></legend>
    <?cs def:choice(field, list) ?>
    <label><?cs var:L["complaints.field." + field] ?>
      <select name="<?cs var:field ?>" required>
        <option value=""></option>
        <?cs each:v = list ?><option value="<?cs var:name(v) ?>"<?cs if:Query[field] == name(v) ?> selected<?cs /if ?>><?cs var:v ?></option><?cs /each ?>
      </select></label>
    <?cs /def ?>
    <?cs call:choice("severity", Complaints.enum.severity) ?>
    <?cs call:choice("cause", Complaints.enum.cause) ?>
    <?cs call:choice("channel", Complaints.enum.channel) ?>
    <?cs call:choice("behaviour", Complaints.enum.behaviour) ?>
    <?cs call:choice("purpose", Complaints.enum.purpose) ?>
  </fieldset>
  <fieldset class="form-grid">
    <legend><?cs var:L.complaints.new.content_legend ?></legend>
    <label><?cs var:L.complaints.field.description ?>
      <textarea name="description" rows="5" maxlength="4000" required><?cs var:Query.description ?></textarea></label>
    <label><?cs var:L.complaints.field.customer_request ?>
      <textarea name="customer_request" rows="3" maxlength="4000"><?cs var:Query.customer_request ?></textarea></label>
    <label><?cs var:L.complaints.field.received_at ?>
      <input name="received_at" type="datetime-local" value="<?cs if:Query.received_at ?><?cs var:Query.received_at ?><?cs else ?><?cs var:Complaints.now ?><?cs /if ?>"></label>
    <p class="muted"><?cs var:L.complaints.new.received_hint ?></p>
    <label><?cs var:L.complaints.case.evidence ?>
      <input type="file" name="file" accept="image/jpeg,image/png,image/gif,application/pdf,audio/mpeg,audio/wav,video/mp4,video/webm"></label>
    <p class="muted"><?cs var:L.complaints.evidence_hint ?> <?cs var:Complaints.attach_max_kb ?> KiB</p>
  </fieldset>
  <button type="submit" class="primary"><?cs var:L.complaints.new.submit ?></button>
</form>
