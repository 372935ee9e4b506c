using System.Runtime.InteropServices;
using Ticketing.Contracts;
using Ticketing.Launcher;

// Starts the whole system on the embedded default, prints where to open it and keeps every app running
// (an app that crashes is restarted; see launcher.log). Ctrl-C stops everything; the data folder keeps the
// data for the next start.
var gatewayPort = int.TryParse(Environment.GetEnvironmentVariable("TICKETING_GATEWAY_PORT"), out var port) ? port : 5080;
var dataDir = Environment.GetEnvironmentVariable("TICKETING_DATA_DIR") is { Length: > 0 } configured
    ? configured
    : Path.Combine(BuildOutput.RepositoryRoot(), "data");

var stopping = new CancellationTokenSource(); // never disposed: a second Ctrl-C may arrive while the apps stop
// Ctrl-C and SIGTERM stop the apps; registered first so they still hold while the apps are stopped.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var layout = SystemLayout.Beside(gatewayPort, dataDir);
await using var system = new TicketingSystem(layout);
using var noRestartsOnceStopping = stopping.Token.Register(system.StopRestarting); // the apps get a terminal's Ctrl-C too

Console.WriteLine($"Starting Ticketing (data: {layout.DataDir}) ...");
try
{
    await system.StartAsync(TimeSpan.FromSeconds(90), stopping.Token);
}
catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or FileNotFoundException)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
catch (OperationCanceledException)
{
    return 130;
}

foreach (var app in SystemApps.All)
    Console.WriteLine($"  {app.AppId,-12} {layout.UrlOf(app.AppId)}  (log: {system.LogFileOf(app.AppId)})");
Console.WriteLine($"  restarts and failures: {system.LauncherLogFile}");
Console.WriteLine();
Console.WriteLine($"Ticketing is ready. Open {layout.GatewayUrl}  (API docs: {layout.GatewayUrl}swagger)");
Console.WriteLine("Press Ctrl-C to stop.");

try { await Task.Delay(Timeout.Infinite, stopping.Token); }
catch (OperationCanceledException) { /* Ctrl-C */ }
Console.WriteLine("Stopping ...");
return 0;

void Stop(PosixSignalContext signal)
{
    signal.Cancel = true; // let Main stop the apps and return
    stopping.Cancel();
}
