using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using NodaTime;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Launcher;
using Ticketing.Supervision.Calendars;
using Ticketing.Supervision.Clocks;
using Ticketing.Supervision.Data;
using Ticketing.Supervision.Policies;

// The SLA tick at scale: fills supervision's SQLite file with N open clocks (default 1 000 000), 1 % of them due now (half a
// yellow warning, half a breach with its level-1 notice), starts the supervision service on it (its own timer off), calls
// the tick as the Dapr cron binding does, and reports the tick's time and the service process's peak memory (VmHWM).
// Usage: dotnet run -c Release --project bench/Ticketing.Bench.Sla -- [clocks] [ticks]
var clocks = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
var ticks = args.Length > 1 ? int.Parse(args[1]) : 1;
var dataDir = Path.Combine(Path.GetTempPath(), "ticketing-sla-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(dataDir);
var file = Path.Combine(dataDir, "supervision.db");

var now = DateTimeOffset.UtcNow;
var filling = Stopwatch.StartNew();
await FillAsync(file, clocks, now);
Console.WriteLine($"{clocks:N0} open clocks ({clocks / 100:N0} due) written in {filling.Elapsed.TotalSeconds:0} s; " +
                  $"file {new FileInfo(file).Length / 1024 / 1024:N0} MB");

// The tick is called with the app token, as daprd calls it; the service still needs keys to validate users' tokens against.
var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "bench" };
var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
var keysFile = Path.Combine(dataDir, "bench-keys.json");
await File.WriteAllTextAsync(keysFile, $$"""{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"bench","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""");
var port = SystemLayout.FreePortRun(1);
using var supervision = AppProcess.Start(BuildOutput.AssemblyPath("Ticketing.Supervision"), Path.Combine(dataDir, "supervision.log"),
    new Dictionary<string, string>
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["Ticketing__DataDir"] = dataDir,
        ["Ticketing__AppApiToken"] = "bench",
        ["Supervision__OwnTimer"] = "false",
        ["Ticketing__Access__SigningKeysFile"] = keysFile,
        ["Ticketing__Access__Issuer"] = "https://bench.test/",
        ["Logging__LogLevel__Default"] = "Warning",
    });
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Add(EventToken.Header, "bench");
var starting = Stopwatch.StartNew();
while (true)
{
    try { if ((await http.GetAsync("health/ready")).IsSuccessStatusCode) break; }
    catch (HttpRequestException) { }
    if (starting.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException("supervision did not start");
    await Task.Delay(200);
}
Console.WriteLine($"supervision ready on the filled file in {starting.Elapsed.TotalSeconds:0.0} s; memory {Memory(supervision.Id)}");

for (var i = 0; i < ticks; i++)
{
    // After the first (cold) tick, the next 1 % of the clocks come due the same way, so later ticks show a warm service.
    if (i > 0) await RearmAsync(file, clocks / 100, DateTimeOffset.UtcNow);
    var clock = Stopwatch.StartNew();
    using var response = await http.PostAsync("sla-scan", null);
    var body = await response.Content.ReadAsStringAsync();
    var elapsed = clock.Elapsed;
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"sla-scan: {(int)response.StatusCode} {body}");
    Console.WriteLine($"tick {i + 1}: {elapsed.TotalMilliseconds:0} ms, {JsonDocument.Parse(body).RootElement}; memory {Memory(supervision.Id)}");
}
await supervision.StopAsync();
if (Environment.GetEnvironmentVariable("TICKETING_BENCH_KEEP") == "1") Console.WriteLine($"kept: {dataDir}");
else try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }

// Resident now and at its peak, as Linux counts them for the process.
static string Memory(int pid)
{
    var status = File.ReadAllLines($"/proc/{pid}/status");
    string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name + ":"))?.Split(':', 2)[1].Trim() ?? "?";
    return $"resident {Field("VmRSS")}, peak {Field("VmHWM")}";
}

// One clock through EF Core (every column as the service writes it), the rest copied from it in SQL, each with its own id, work
// item, ticket and instants: every hundredth due now (alternately a yellow warning and a breach), the others due later.
static async Task FillAsync(string file, int count, DateTimeOffset now)
{
    var options = new DbContextOptionsBuilder<SupervisionSqliteDbContext>().UseSqlite($"Data Source={file}").Options;
    await using (var db = new SupervisionSqliteDbContext(options, new ServiceDbContextDependencies(TimeProvider.System, new WriteGate(true), new OutboxSignal())))
    {
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var policy = new Policy(Category.Complaint, Urgency.Normal, TimeSpan.FromHours(7.5), TimeSpan.FromHours(37.5), TimeSpan.FromHours(15), 75, 90,
            false, true);
        var calendar = new WorkingCalendar(DateTimeZoneProviders.Tzdb[BusinessCalendar.DefaultTimeZone], WeekHours.Standard, [], []);
        db.Clocks.Add(SlaClock.Start(Guid.NewGuid(), SlaClock.Handling, Guid.NewGuid(), "SEED", "SFS-DC", Category.Complaint, Urgency.Normal, policy,
            new ClockCalendar(BusinessCalendar.DefaultCode, BusinessCalendar.DefaultTimeZone, calendar), now));
        await db.SaveChangesAsync();
    }
    await using var connection = new SqliteConnection($"Data Source={file}");
    await connection.OpenAsync();
    await Execute(connection, "PRAGMA synchronous=OFF;");
    var (ticks, hour) = (now.UtcTicks, TimeSpan.TicksPerHour);
    const int batch = 50_000;
    for (var start = 0; start < count; start += batch)
    {
        var end = Math.Min(count, start + batch) - 1;
        await Execute(connection, $"""
            WITH RECURSIVE n(k) AS (SELECT {start} UNION ALL SELECT k + 1 FROM n WHERE k < {end}),
            t(k, due, breach, later) AS (SELECT k, k % 100 = 0, k % 200 = 0, {ticks} + (k % 5000 + 1) * {hour / 100} FROM n)
            INSERT INTO SlaClocks (Id, WorkItemId, TicketId, Number, OfficeCode, Kind, Category, Urgency, Status, Stage, CalendarCode, TimeZone,
                                   YellowPercent, RedPercent, StartedAt, Allowed, Used, AnchoredAt, YellowAt, RedAt, Deadline, OriginalDeadline,
                                   PausedAt, PausedTime, WaitingChangedAt, StoppedAt, Outcome, BreachedAt, NoticeLevel, NextLevelAt, NextDueAt, Version)
            SELECT {SqlGuid("k")}, {SqlGuid("k + 1000000000")}, {SqlGuid("k / 3")},
                   printf('GD20261130-%07d', k / 3), 'SFS-DC-' || (k % 40), s.Kind, s.Category, s.Urgency, 'Running',
                   CASE WHEN breach THEN 'Red' ELSE 'None' END, s.CalendarCode, s.TimeZone, 75, 90, {ticks} - 30 * {hour}, s.Allowed, 0,
                   {ticks} - 30 * {hour},
                   CASE WHEN due AND NOT breach THEN {ticks} - {hour / 60} WHEN breach THEN {ticks} - 3 * {hour} ELSE later END,
                   CASE WHEN breach THEN {ticks} - 2 * {hour} ELSE later + {hour} END,
                   CASE WHEN breach THEN {ticks} - {hour / 60} ELSE later + 2 * {hour} END,
                   NULL, NULL, 0, NULL, NULL, NULL, NULL, 0, NULL,
                   CASE WHEN due THEN {ticks} - {hour / 60} ELSE later END, 0
            FROM t, SlaClocks s WHERE s.Number = 'SEED';
            """);
    }
    await Execute(connection, "DELETE FROM SlaClocks WHERE Number = 'SEED'; PRAGMA optimize;");

    static string SqlGuid(string of) =>
        $"upper(printf('%08X-%04X-%04X-%04X-%012X', ({of}) * 2654435761 % 4294967296, abs(random()) % 65536, abs(random()) % 65536, " +
        $"abs(random()) % 65536, {of}))";
}

// The next clocks to come due, made due now: half a yellow warning, half a breach.
static async Task RearmAsync(string file, int count, DateTimeOffset now)
{
    await using var connection = new SqliteConnection($"Data Source={file}");
    await connection.OpenAsync();
    var ticks = now.UtcTicks - TimeSpan.TicksPerSecond;
    await Execute(connection, $"""
        UPDATE SlaClocks SET YellowAt = {ticks}, NextDueAt = {ticks},
               Stage = CASE WHEN rowid % 2 = 0 THEN 'Red' ELSE 'None' END,
               RedAt = CASE WHEN rowid % 2 = 0 THEN {ticks} ELSE RedAt END,
               Deadline = CASE WHEN rowid % 2 = 0 THEN {ticks} ELSE Deadline END
        WHERE rowid IN (SELECT rowid FROM SlaClocks WHERE Stage = 'None' ORDER BY NextDueAt LIMIT {count});
        """);
}

static async Task Execute(SqliteConnection connection, string sql)
{
    await using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.CommandTimeout = 0;
    await command.ExecuteNonQueryAsync();
}
