// A ClickHouse HTTP endpoint on loopback backed by embedded chDB, for qryn (a server that
// speaks Loki's HTTP API) to store in: Debian's clickhouse-server is too old for qryn's
// tables, and chDB opens no port of its own. Usage: node clickhouse-over-chdb.js PORT DATADIR
const http = require('http');
const { Session } = require('chdb');
const [,, port, dataDir] = process.argv;
const session = new Session(dataDir);
let currentDb = 'default';
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://x');
    const body = Buffer.concat(chunks).toString('utf8');
    let sql = url.searchParams.get('query');
    if (sql === null) sql = body; else if (body.length) sql = sql + '\n' + body;
    const db = url.searchParams.get('database');
    try {
      if (db && db !== currentDb) {
        try { session.query('USE ' + db); currentDb = db; } catch (e) {}
      }
      const out = session.query(sql, 'TabSeparated');
      res.writeHead(200, {'Content-Type': 'text/plain'}); res.end(out || '');
    } catch (e) {
      console.error('ERR', sql.slice(0, 300).replace(/\n/g, ' '), '=>', String(e.message || e).slice(0, 300));
      res.writeHead(500); res.end(String(e.message || e));
    }
  });
}).listen(Number(port), '127.0.0.1', () => console.error('chshim listening', port));
