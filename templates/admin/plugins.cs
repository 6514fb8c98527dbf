<h1><?cs var:L.core.admin.plugins ?></h1>
<p class="muted"><?cs var:L.core.admin.plugins_hint ?></p>

<section class="card">
<?cs if:subcount(Plugins) ?>
<table class="table plugins" id="plugin-matrix">
  <thead>
    <tr>
      <th><?cs var:L.core.admin.dept ?></th>
      <?cs each:p = Plugins ?><th data-plugin="<?cs var:p.name ?>"><?cs var:L[p.title_key] ?> <span class="muted">(<?cs var:p.name ?>)</span></th><?cs /each ?>
    </tr>
  </thead>
  <tbody>
  <?cs each:d = Depts ?>
    <tr data-dept="<?cs var:d.code ?>" data-depth="<?cs var:d.depth ?>" class="depth-<?cs var:d.depth ?><?cs if:d.active != "1" ?> muted<?cs /if ?>">
      <th scope="row"><?cs loop:i = 1, d.depth, 1 ?><span class="indent">└ </span><?cs /loop ?><?cs var:d.code ?> · <?cs if:Lang.current == "en" ?><?cs var:d.name_en ?><?cs else ?><?cs var:d.name_zh ?><?cs /if ?></th>
      <?cs each:c = d.cells ?>
      <td class="cell effective-<?cs var:c.effective ?>" data-plugin="<?cs var:c.plugin ?>" data-dept="<?cs var:d.code ?>" data-explicit="<?cs var:c.explicit ?>" data-effective="<?cs var:c.effective ?>">
        <form method="post" action="/admin/plugins" class="inline" id="cell-<?cs var:c.plugin ?>-<?cs var:d.code ?>" data-plugin="<?cs var:c.plugin ?>" data-dept="<?cs var:d.code ?>">
          <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
          <input type="hidden" name="plugin" value="<?cs var:c.plugin ?>">
          <input type="hidden" name="dept" value="<?cs var:d.code ?>">
          <select name="value" aria-label="<?cs var:c.plugin ?> · <?cs var:d.code ?>">
            <option value="inherit"<?cs if:c.explicit == "inherit" ?> selected<?cs /if ?>><?cs var:L.core.admin.inherit ?></option>
            <option value="on"<?cs if:c.explicit == "on" ?> selected<?cs /if ?>><?cs var:L.core.admin.on ?></option>
            <option value="off"<?cs if:c.explicit == "off" ?> selected<?cs /if ?>><?cs var:L.core.admin.off ?></option>
          </select>
          <button type="submit"><?cs var:L.core.admin.save ?></button>
        </form>
        <span class="effective" title="<?cs var:L.core.admin.effective ?>"><?cs var:L.core.admin.effective ?>: <?cs if:c.effective == "on" ?><?cs var:L.core.admin.on ?><?cs else ?><?cs var:L.core.admin.off ?><?cs /if ?></span>
      </td>
      <?cs /each ?>
    </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs else ?>
<p class="muted" id="no-plugins"><?cs var:L.core.admin.no_plugins ?></p>
<?cs /if ?>
</section>
