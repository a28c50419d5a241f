package docs

import "html/template"

var pageTemplate = template.Must(template.New("page").Parse(pageHTML))

const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} {{.Version}} — API reference</title>
<style>
:root { --fg:#1d232a; --muted:#5b6670; --line:#d8dee4; --bg:#ffffff; --soft:#f5f7f9; --accent:#0b5cad; }
* { box-sizing:border-box; }
body { margin:0; font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif; color:var(--fg); background:var(--bg); }
a { color:var(--accent); text-decoration:none; } a:hover { text-decoration:underline; }
code { font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; background:var(--soft); padding:1px 4px; border-radius:3px; }
.layout { display:grid; grid-template-columns:280px minmax(0,1fr); }
nav { position:sticky; top:0; height:100vh; overflow:auto; padding:20px 16px; border-right:1px solid var(--line); background:var(--soft); font-size:13px; }
nav ul { list-style:none; margin:0 0 12px; padding:0; } nav li { margin:2px 0; }
nav .group { font-weight:600; margin-top:12px; display:block; color:var(--fg); }
main { padding:24px 40px 80px; max-width:1100px; }
h1 { margin:0 0 4px; font-size:28px; } h1 small { color:var(--muted); font-weight:400; font-size:16px; }
h2 { margin:48px 0 8px; padding-bottom:6px; border-bottom:2px solid var(--line); font-size:22px; }
h3 { font-size:17px; margin:20px 0 6px; } h4 { font-size:14px; margin:16px 0 6px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); }
.op { border:1px solid var(--line); border-radius:6px; padding:12px 18px; margin:18px 0; }
.op > h3 { margin:0; display:flex; gap:10px; align-items:baseline; flex-wrap:wrap; }
.op .summary { color:var(--muted); margin:2px 0 8px; }
.method { display:inline-block; min-width:62px; text-align:center; font:600 12px/20px ui-monospace,Menlo,Consolas,monospace; color:#fff; border-radius:4px; padding:0 6px; }
.get { background:#1f7a3d; } .post { background:#0b5cad; } .put { background:#8a5a00; } .patch { background:#6b3fa0; } .delete { background:#b3261e; } .head,.options,.trace { background:#5b6670; }
.path { font:600 15px ui-monospace,Menlo,Consolas,monospace; }
.opid, .badge { font-size:12px; color:var(--muted); }
.badge { border:1px solid var(--line); border-radius:10px; padding:0 6px; }
table { border-collapse:collapse; width:100%; font-size:14px; margin:4px 0 8px; }
th, td { text-align:left; vertical-align:top; padding:6px 8px; border-bottom:1px solid var(--line); }
th { font-size:12px; color:var(--muted); font-weight:600; }
td p { margin:0 0 4px; }
.req { color:#b3261e; font-size:12px; font-weight:600; margin-left:4px; }
.cons { color:var(--muted); font-size:12px; }
.cons span { display:inline-block; margin-right:8px; }
ul.fields { list-style:none; margin:4px 0; padding-left:0; }
ul.fields ul.fields { padding-left:18px; border-left:2px solid var(--line); margin-left:4px; }
ul.fields li { margin:6px 0; }
.fname { font:600 13px ui-monospace,Menlo,Consolas,monospace; }
.ftype { font-size:13px; color:var(--muted); margin-left:6px; }
.fdesc p { margin:2px 0; }
.status { font:600 13px ui-monospace,Menlo,Consolas,monospace; }
.s2xx { color:#1f7a3d; } .s3xx { color:#0b5cad; } .s4xx { color:#8a5a00; } .s5xx { color:#b3261e; } .sx { color:var(--muted); }
.schema { border-top:1px solid var(--line); padding:10px 0; }
.intro p, .intro li { max-width:80ch; }
@media (max-width: 900px) { .layout { display:block; } nav { position:static; height:auto; border-right:0; border-bottom:1px solid var(--line); } main { padding:16px; } }
</style>
</head>
<body>
<div class="layout">
<nav aria-label="Contents">
<a class="group" href="#top">Overview</a>
{{- range .Groups}}
<a class="group" href="#{{.Anchor}}">{{.Name}}</a>
<ul>
{{- range .Ops}}
<li><a href="#{{.Anchor}}"><code>{{.Method}}</code> {{.Path}}</a></li>
{{- end}}
</ul>
{{- end}}
<a class="group" href="#schemas">Schemas</a>
</nav>
<main>
<header id="top" class="intro">
<h1>{{.Title}} <small>{{.Version}}</small></h1>
{{.Description}}
{{- if .Security}}
<h3>Authentication</h3>
{{- range .Security}}
<p><code>{{.Name}}</code> — {{.Kind}}</p>
{{.Description}}
{{- end}}
{{- end}}
</header>
{{range .Groups}}
<section id="{{.Anchor}}">
<h2>{{.Name}}</h2>
{{.Description}}
{{- range .Ops}}
<article class="op" id="{{.Anchor}}">
<h3><span class="method {{.MethodClass}}">{{.Method}}</span> <span class="path">{{.Path}}</span>{{if .OperationID}} <span class="opid">{{.OperationID}}</span>{{end}}{{if .Public}} <span class="badge">no authentication</span>{{end}}{{if .Deprecated}} <span class="badge">deprecated</span>{{end}}</h3>
<p class="summary">{{.Summary}}</p>
{{.Description}}
{{- if .Params}}
<h4>Parameters</h4>
<table>
<thead><tr><th>Name</th><th>In</th><th>Type</th><th>Description</th></tr></thead>
<tbody>
{{- range .Params}}
<tr><td><code>{{.Name}}</code>{{if .Required}}<span class="req">required</span>{{end}}</td><td>{{.In}}</td><td>{{template "type" .Type}}</td><td>{{.Description}}{{template "cons" .Constraints}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
{{- with .Body}}
<h4>Request body{{if .Required}} <span class="req">required</span>{{end}}</h4>
{{.Description}}
{{- range .Contents}}
<p><code>{{.MediaType}}</code> — {{template "type" .Type}}</p>
{{- template "cons" .Constraints}}
{{- if .Fields}}{{template "fields" .Fields}}{{end}}
{{- end}}
{{- end}}
{{- if .Responses}}
<h4>Responses</h4>
<table>
<thead><tr><th>Status</th><th>Description</th><th>Body</th></tr></thead>
<tbody>
{{- range .Responses}}
<tr><td><span class="status {{.Class}}">{{.Status}}</span></td><td>{{.Description}}
{{- range .Headers}}<div class="cons">Header <code>{{.Name}}</code>: {{template "type" .Type}}</div>{{end}}</td>
<td>{{range .Contents}}<div><code>{{.MediaType}}</code> {{template "type" .Type}}</div>{{else}}—{{end}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
</article>
{{- end}}
</section>
{{end}}
<section id="schemas">
<h2>Schemas</h2>
{{- range .Schemas}}
<div class="schema" id="{{.Anchor}}">
<h3>{{.Name}} <span class="ftype">{{.Type.Label}}</span></h3>
{{.Description}}{{template "cons" .Constraints}}
{{- if .Fields}}{{template "fields" .Fields}}{{end}}
</div>
{{- end}}
</section>
</main>
</div>
</body>
</html>
{{define "type"}}{{if .Ref}}<a href="#schema-{{.Ref}}">{{.Label}}</a>{{else}}{{.Label}}{{end}}{{end}}
{{define "cons"}}{{if .}}<div class="cons">{{range .}}<span>{{.}}</span>{{end}}</div>{{end}}{{end}}
{{define "fields"}}<ul class="fields">
{{- range .}}
<li><span class="fname">{{.Name}}</span>{{if .Required}}<span class="req">required</span>{{end}}<span class="ftype">{{template "type" .Type}}</span>
{{- if .Description}}<div class="fdesc">{{.Description}}</div>{{end}}
{{- template "cons" .Constraints}}
{{- if .Children}}{{template "fields" .Children}}{{end}}</li>
{{- end}}
</ul>{{end}}
`
