# tables: a cell takes the unit of its table, its row label as subject, its
# column header as period, and a change column its sign; a table without a
# unit (the index quote) gives no facts
$STATSPAN extract -f tsv --columns text,kind,value,unit,direction,subject,period,line,column tests/cli/tables/report.md
$STATSPAN extract -f tsv --columns text,kind,value,unit,direction,subject,period,line,column tests/cli/tables/report.html
$STATSPAN extract -f tsv --columns text,kind,value,unit,direction,subject,period,line,column tests/cli/tables/report.txt
$STATSPAN extract --debug-spans tests/cli/tables/report.html
