using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Intake.Data;
using Ticketing.Intake.Tickets;
using Ticketing.Launcher;

// Ticket search at scale: fills intake's SQLite file with N tickets (default 1 000 000), starts the intake service on
// it, and times look-ups by number, phone, caller name, text, office and overdue through HTTP with a signed-in agent's token.
// Usage: dotnet run -c Release --project bench/Ticketing.Bench.Search -- [tickets] [queries per kind]
var tickets = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
var queries = args.Length > 1 ? int.Parse(args[1]) : 200;
var dataDir = Path.Combine(Path.GetTempPath(), "ticketing-search-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(dataDir);

var filling = Stopwatch.StartNew();
await FillAsync(Path.Combine(dataDir, "intake.db"), tickets);
Console.WriteLine($"{tickets:N0} tickets (and their text index) written in {filling.Elapsed.TotalSeconds:0} s; " +
                  $"file {new FileInfo(Path.Combine(dataDir, "intake.db")).Length / 1024 / 1024:N0} MB");

// The service validates tokens offline against this bench's own key, as a deployment without a reachable provider would.
var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "bench" };
var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
var keysFile = Path.Combine(dataDir, "bench-keys.json");
await File.WriteAllTextAsync(keysFile, $$"""{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"bench","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""");
var port = SystemLayout.FreePortRun(1);
using var intake = AppProcess.Start(BuildOutput.AssemblyPath("Ticketing.Intake"), Path.Combine(dataDir, "intake.log"), new Dictionary<string, string>
{
    ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
    ["Ticketing__DataDir"] = dataDir,
    ["Ticketing__AppApiToken"] = "bench",
    ["Ticketing__Access__SigningKeysFile"] = keysFile,
    ["Ticketing__Access__Issuer"] = "https://bench.test/",
    ["Logging__LogLevel__Default"] = "Warning",
});
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
http.DefaultRequestHeaders.Authorization = new("Bearer", Token(key, "agent1", Roles()));
var starting = Stopwatch.StartNew();
while (true)
{
    try { if ((await http.GetAsync("health/ready")).IsSuccessStatusCode) break; }
    catch (HttpRequestException) { }
    if (starting.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException("intake did not start");
    await Task.Delay(200);
}
Console.WriteLine($"intake ready on the filled file in {starting.Elapsed.TotalSeconds:0.0} s");

var random = new Random(7);
await MeasureAsync("number (GD…-nnnnnn)", n => $"tickets?number=GD{Day(n)}-{n % 1000 + 1:D6}");
await MeasureAsync("phone", n => $"tickets?phone=139{n:D8}");
await MeasureAsync("caller name, its start", n => $"tickets?name={Uri.EscapeDataString(Surnames[n % Surnames.Length] + "先")}");
await MeasureAsync("text, 3+ characters (trigram index)", n => $"tickets?text={Uri.EscapeDataString(Places[n % Places.Length] + "路")}");
await MeasureAsync("text, a rare phrase (trigram index)", n => $"tickets?text={Uri.EscapeDataString($"编号{n:D7}")}");
await MeasureAsync("text, 2 characters (bigram index)", n => $"tickets?text={Uri.EscapeDataString(Problems[n % Problems.Length][..2])}");
await MeasureAsync("text, 2 characters, and an office", n => $"tickets?text={Uri.EscapeDataString(Problems[n % Problems.Length][..2])}&office=SFS-DC");
await MeasureAsync("text, 3+ characters, page 50", n => $"tickets?text={Uri.EscapeDataString(Places[n % Places.Length] + "路")}&page=50");
await MeasureAsync("office with its sub-offices", n => $"tickets?office={Offices[n % 2 == 0 ? 0 : 4]}");
await MeasureAsync("overdue", _ => "tickets?overdue=true");
await MeasureAsync("office with its sub-offices, overdue", n => $"tickets?office={Offices[n % 2 == 0 ? 0 : 4]}&overdue=true");
await intake.StopAsync();
if (Environment.GetEnvironmentVariable("TICKETING_BENCH_KEEP") == "1") Console.WriteLine($"kept: {dataDir}");
else try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }

async Task MeasureAsync(string what, Func<int, string> path, int? count = null)
{
    var millis = new List<double>();
    long found = 0;
    for (var i = 0; i < (count ?? queries); i++)
    {
        var n = random.Next(tickets);
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(path(n));
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        millis.Add(clock.Elapsed.TotalMilliseconds);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path(n)}: {(int)response.StatusCode} {page}");
        found += page.GetProperty("total").GetInt64();
    }
    var sorted = millis.Order().ToArray();
    double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    Console.WriteLine($"{what}: {sorted.Length} look-ups, p50 {At(0.5):0.0} ms, p95 {At(0.95):0.0} ms, max {sorted[^1]:0.0} ms, " +
                      $"{(double)found / sorted.Length:0.#} found on average");
}

// A thousand tickets a day from 2024-01-01, as the fill numbers them.
static string Day(int n) => new DateTime(2024, 1, 1).AddDays(n / 1000).ToString("yyyyMMdd");

static Claim[] Roles() => [new("role", "agent")];

static string Token(SecurityKey key, string user, Claim[] roles) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
{
    Issuer = "https://bench.test/", Audience = "ticketing-api", Expires = DateTime.UtcNow.AddHours(2),
    Subject = new ClaimsIdentity([new Claim("sub", user), new Claim("preferred_username", user), .. roles]),
    SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
});

// One seed ticket through EF (so every column is as the service writes it), then the rest copied from it in SQL
// with their own id, number, phone, name, text, time, office (ten codes, two of them sub-offices) and overdue flag (one
// ticket in 49, spread over the offices); the FTS5 triggers index each row as it is inserted.
static async Task FillAsync(string file, int count)
{
    var options = new DbContextOptionsBuilder<IntakeSqliteDbContext>().UseSqlite($"Data Source={file}").Options;
    await using (var db = new IntakeSqliteDbContext(options, new ServiceDbContextDependencies(TimeProvider.System, new WriteGate(true), new OutboxSignal())))
    {
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        db.Tickets.Add(Ticket.Register(new RegisterTicket(Channel.Phone, Category.Complaint, Urgency.Normal, "种子", "种子", "种子", "13800138000", "DC"),
            "SEED", "agent1", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }
    await using var connection = new SqliteConnection($"Data Source={file}");
    TextBigrams.Register(connection); // the bigram index's triggers call it, as on the service's own connections
    await connection.OpenAsync();
    await Execute(connection, "PRAGMA synchronous=OFF;");
    await Execute(connection, $"CREATE TEMP TABLE Surnames(i INTEGER PRIMARY KEY, v TEXT); {Values("Surnames", Surnames)}");
    await Execute(connection, $"CREATE TEMP TABLE Places(i INTEGER PRIMARY KEY, v TEXT); {Values("Places", Places)}");
    await Execute(connection, $"CREATE TEMP TABLE Problems(i INTEGER PRIMARY KEY, v TEXT); {Values("Problems", Problems)}");
    await Execute(connection, $"CREATE TEMP TABLE Offices(i INTEGER PRIMARY KEY, v TEXT); {Values("Offices", Offices)}");
    const int batch = 50_000;
    for (var start = 0; start < count; start += batch)
    {
        var end = Math.Min(count, start + batch) - 1;
        await Execute(connection, $"""
            WITH RECURSIVE n(k) AS (SELECT {start} UNION ALL SELECT k + 1 FROM n WHERE k < {end})
            INSERT INTO Tickets (Id, Number, Channel, Category, Urgency, Title, Content, CallerName, CallerPhone, RegionCode, Address, AddressKey,
                                 ReceivedAt, ReceivedBy, ConcernedStaff, IdempotencyKey, Status, StatusSequence, DecidedBy, DecidedAt, RejectionReason,
                                 FirstContactAnswer, DecisionSupersededReason, Version, OfficeCode, Overdue)
            SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))),
                   'GD' || strftime('%Y%m%d', '2024-01-01', '+' || (k / 1000) || ' days') || printf('-%06d', k % 1000 + 1),
                   s.Channel, s.Category, s.Urgency,
                   (SELECT v FROM Places WHERE i = k % {Places.Length}) || '路' || (SELECT v FROM Problems WHERE i = k % {Problems.Length}),
                   (SELECT v FROM Places WHERE i = k % {Places.Length}) || '路' || (k % 300) || '号附近' || (SELECT v FROM Problems WHERE i = k / 7 % {Problems.Length})
                     || '，市民多次反映，编号' || printf('%07d', k) || '。',
                   (SELECT v FROM Surnames WHERE i = k % {Surnames.Length}) || '先生',
                   printf('139%08d', k), s.RegionCode, NULL, NULL,
                   s.ReceivedAt - k * 600000000, s.ReceivedBy, NULL, NULL, s.Status, 0, NULL, NULL, NULL, NULL, NULL, 0,
                   (SELECT v FROM Offices WHERE i = k % {Offices.Length}), k % 49 = 0
            FROM n, Tickets s WHERE s.Number = 'SEED';
            """);
    }
    await Execute(connection, "DELETE FROM Tickets WHERE Number = 'SEED'; PRAGMA optimize;");
}

static async Task Execute(SqliteConnection connection, string sql)
{
    await using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.CommandTimeout = 0;
    await command.ExecuteNonQueryAsync();
}

static string Values(string table, string[] values) =>
    $"INSERT INTO {table} VALUES {string.Join(", ", values.Select((v, i) => $"({i}, '{v}')"))};";

partial class Program
{
    static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    // Ten offices: two districts with a sub-office each (a parent's search takes in two codes of ten), five more, the hotline centre.
    static readonly string[] Offices = ["SFS-DC", "SFS-DC-DH", "SFS-XC", "SFS-NS", "SFS-BH", "SFS-BH-QS", "SFS-SCJG", "SFS-CG", "SFS-ZJ", "SFS-12345"];
    static readonly string[] Places = ["东华", "西城", "南山", "北湖", "青山", "幸福", "和平", "建设", "人民", "解放", "中山", "新华", "光明", "文化", "工农", "胜利"];
    static readonly string[] Problems =
    [
        "路灯不亮", "小区停水", "夜间施工噪音", "垃圾未清运", "井盖缺失", "占道经营", "电梯故障", "供暖不热", "违章停车", "污水外溢",
        "树木倒伏", "公交晚点", "物业收费争议", "外卖电动车乱停", "楼道堆物", "燃气异味",
    ];
}
