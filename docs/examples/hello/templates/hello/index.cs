<h1><?cs var:L.hello.title ?></h1>
<p id="hello-who"><?cs var:L.hello.greeting ?> <?cs var:Hello.who ?></p>
<p id="hello-echo"><?cs var:Hello.echo ?></p>
