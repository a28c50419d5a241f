package webui

// importMessages are the texts of the import page; init adds them to the
// catalog.
var importMessages = map[string][2]string{
	"nav.import":   {"Import", "Import"},
	"import.title": {"Import historic reviews", "Importer tidligere evalueringer"},
	"import.intro": {
		"Upload a CSV file or an Excel workbook in the layout of the exports or of the import template. Nothing is written until you have read the check and confirmed it.",
		"Last opp en CSV-fil eller en Excel-arbeidsbok i samme format som eksportene eller importmalen. Ingenting blir lagret før du har lest gjennom kontrollen og bekreftet."},
	"import.file":              {"File (CSV or XLSX)", "Fil (CSV eller XLSX)"},
	"import.file_hint":         {"Norwegian Excel files with semicolons and decimal commas are read as they are.", "Norske Excel-filer med semikolon og desimalkomma leses som de er."},
	"import.no_file":           {"Choose a file to import.", "Velg en fil som skal importeres."},
	"import.create_sites":      {"Create the units in the file that do not exist yet", "Opprett enhetene i filen som ikke finnes ennå"},
	"import.check":             {"Check the file", "Kontroller filen"},
	"import.checking":          {"Checking the file…", "Kontrollerer filen …"},
	"import.writing":           {"Importing…", "Importerer …"},
	"import.progress":          {"Rows read so far: %d; errors: %d.", "Rader lest så langt: %d; feil: %d."},
	"import.refresh":           {"Show the progress again", "Vis framdriften på nytt"},
	"import.again":             {"Import another file", "Importer en annen fil"},
	"import.committed":         {"The import is stored.", "Importen er lagret."},
	"import.nothing_new":       {"Nothing new: everything in the file was stored already.", "Ingenting nytt: alt i filen var lagret fra før."},
	"import.has_errors":        {"The file has %d errors. Nothing is written; correct the file and upload it again.", "Filen har %d feil. Ingenting er lagret; rett filen og last den opp på nytt."},
	"import.ready":             {"The file has no errors. Nothing is written yet.", "Filen har ingen feil. Ingenting er lagret ennå."},
	"import.summary":           {"What the import does", "Hva importen gjør"},
	"import.what":              {"What", "Hva"},
	"import.to_create":         {"New", "Nye"},
	"import.stored":            {"Already stored", "Finnes fra før"},
	"import.sites":             {"Units", "Enheter"},
	"import.raters":            {"Raters", "Evaluatorer"},
	"import.reviews":           {"Reviews", "Evalueringer"},
	"import.sets":              {"Rating sets (raters and consensus)", "Skåringer (evaluatorer og konsensus)"},
	"import.rows":              {"Rows read: %d. Item scores in new reviews: %d.", "Rader lest: %d. Indikatorskårer i nye evalueringer: %d."},
	"import.errors":            {"Errors in the file", "Feil i filen"},
	"import.sheet":             {"Sheet", "Ark"},
	"import.row":               {"Row", "Rad"},
	"import.column":            {"Column", "Kolonne"},
	"import.value":             {"Value", "Verdi"},
	"import.reason":            {"What is wrong", "Hva som er feil"},
	"import.error":             {"Error", "Feil"},
	"import.truncated":         {"Reading stopped at 1,000 errors.", "Lesingen stoppet ved 1 000 feil."},
	"import.confirm_text":      {"Everything in the file is written in one go, or nothing.", "Alt i filen blir lagret samlet, eller ingenting."},
	"import.confirm":           {"Confirm the import", "Bekreft importen"},
	"import.correction_reason": {"Reason for corrections (optional)", "Begrunnelse for rettelser (valgfritt)"},
	"import.correction_hint": {"Where the file gives another consensus score for a finalised review that is already stored, that score is applied as a correction with this reason; the stored score is kept in the review's history. Leave the field empty to have such differences listed as errors instead. Raters' own scores are never changed.",
		"Der filen har en annen konsensusskår for en ferdigstilt evaluering som allerede er lagret, blir skåren lagt inn som en rettelse med denne begrunnelsen; den lagrede skåren beholdes i evalueringens historikk. La feltet stå tomt for å få slike forskjeller oppført som feil i stedet. Evaluatorenes egne skårer endres aldri."},
	"import.to_correct":      {"Corrections the import will make — item scores: %d, reviews: %d", "Rettelser importen vil gjøre – indikatorskårer: %d, evalueringer: %d"},
	"import.corrected":       {"Corrections made — item scores: %d, reviews: %d", "Rettelser som er gjort – indikatorskårer: %d, evalueringer: %d"},
	"import.review":          {"Review", "Evaluering"},
	"import.open_review":     {"Open the review", "Åpne evalueringen"},
	"import.item":            {"Item", "Indikator"},
	"import.before":          {"Stored score", "Lagret skår"},
	"import.after":           {"Score in the file", "Skår i filen"},
	"import.correction_with": {"Reason recorded with each correction: %s", "Begrunnelse som lagres med hver rettelse: %s"},
}

func init() {
	for k, v := range importMessages {
		catalog[k] = v
	}
}
