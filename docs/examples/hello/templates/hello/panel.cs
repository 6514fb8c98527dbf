<p class="hello-panel"><?cs var:L.hello.greeting ?></p>
