using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Launcher;

// Dispatch latency: how long after intake accepts a ticket the gateway shows it assigned to an office
// (intake → workflow → dispatch over the embedded transport). Starts its own system on free ports with a
// temporary data folder. Usage: dotnet run -c Release --project bench/Ticketing.Bench -- [tickets] [concurrency]
var tickets = args.Length > 0 ? int.Parse(args[0]) : 200;
var concurrency = args.Length > 1 ? int.Parse(args[1]) : 4;
var dataDir = Path.Combine(Path.GetTempPath(), "ticketing-bench-" + Guid.NewGuid().ToString("N")[..8]);

// The bench polls far faster than a person clicks: the gateway's per-user limit would measure itself.
await using var system = new TicketingSystem(SystemLayout.OnFreePorts(dataDir),
    new Dictionary<string, string> { ["Gateway:RateLimits:PerUserPerMinute"] = "10000000" });
var starting = Stopwatch.StartNew();
await system.StartAsync(TimeSpan.FromSeconds(120));
Console.WriteLine($"system ready in {starting.Elapsed.TotalSeconds:0.0} s");

using var http = new HttpClient { BaseAddress = system.Layout.GatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Authorization = new("Bearer", await SignInAsync(http, "agent1")); // an agent registers and accepts
var first = await MeasureOneAsync(http, 0);
Console.WriteLine($"first ticket after start (cold): register {first.Register:0} ms, accepted → assigned {first.Dispatch:0} ms");

var results = new List<(double Register, double Dispatch)>();
var wall = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(1, tickets), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (n, _) =>
{
    var measured = await MeasureOneAsync(http, n);
    lock (results) results.Add(measured);
});
wall.Stop();

Console.WriteLine($"{tickets} tickets, {concurrency} at a time, {tickets / wall.Elapsed.TotalSeconds:0.0} tickets/s through register + accept + dispatch");
Report("register (POST /api/intake/tickets)", results.Select(r => r.Register));
Report("accepted → assigned (seen through the gateway)", results.Select(r => r.Dispatch));
try { Directory.Delete(dataDir, true); } catch (IOException) { }

static async Task<string> SignInAsync(HttpClient http, string user)
{
    var answer = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "password", ["client_id"] = "ticketing-console", ["username"] = user, ["password"] = "Hotline#2026",
        ["scope"] = "openid profile roles",
    }));
    answer.EnsureSuccessStatusCode();
    return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
}

static void Report(string what, IEnumerable<double> millis)
{
    var sorted = millis.Order().ToArray();
    double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    Console.WriteLine($"{what}: p50 {At(0.50):0.0} ms, p95 {At(0.95):0.0} ms, p99 {At(0.99):0.0} ms, max {sorted[^1]:0.0} ms");
}

static async Task<(double Register, double Dispatch)> MeasureOneAsync(HttpClient http, int n)
{
    var clock = Stopwatch.StartNew();
    var registered = await http.PostAsJsonAsync("api/intake/tickets", new
    {
        channel = "Phone", category = "Complaint", subCategory = "OtherComplaint", urgency = "Normal", title = $"基准测试 {n}", content = "路灯不亮",
        callerName = "测试", callerPhone = $"1380000{n % 10000:D4}", regionCode = (n % 3) switch { 0 => "DC", 1 => "XC", _ => "BH" },
    });
    registered.EnsureSuccessStatusCode();
    var register = clock.Elapsed.TotalMilliseconds;
    var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    // The lifecycle instance must exist before acceptance can move it; wait for it as an agent's screen would.
    while (!(await http.GetAsync($"api/workflow/instances/{id}")).IsSuccessStatusCode) await Task.Delay(5);

    (await http.PostAsync($"api/intake/tickets/{id}/accept", null)).EnsureSuccessStatusCode();
    clock.Restart();
    while (true)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"api/dispatch/assignments?ticketId={id}");
        if (page.GetProperty("total").GetInt32() == 1) break;
        if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"ticket {id} was not assigned within 30 s");
        await Task.Delay(5);
    }
    return (register, clock.Elapsed.TotalMilliseconds);
}
