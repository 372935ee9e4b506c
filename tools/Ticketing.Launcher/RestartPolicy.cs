namespace Ticketing.Launcher;

/// <summary>How the launcher restarts an app that exits without being asked.</summary>
/// <param name="FirstDelay">The pause before the first restart; it doubles with every quick failure in a row.</param>
/// <param name="MaxDelay">The longest pause, however often the app has failed.</param>
/// <param name="QuickFailure">A run shorter than this counts as a quick failure; a longer one starts the count afresh.</param>
/// <param name="QuickFailuresBeforeGivingUp">This many quick failures in a row and the app is broken, not unlucky: no more restarts.</param>
public sealed record RestartPolicy(TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan QuickFailure, int QuickFailuresBeforeGivingUp)
{
    /// <summary>1 s, 2 s, 4 s … at most 30 s; five runs in a row that end within 30 s of their start and it gives up.</summary>
    public static RestartPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), 5);

    /// <summary>The pause before the next start after <paramref name="quickFailures"/> quick failures in a row (0 after a long run).</summary>
    public TimeSpan DelayAfter(int quickFailures)
    {
        var doublings = Math.Clamp(quickFailures - 1, 0, 20);
        return TimeSpan.FromTicks(Math.Min(FirstDelay.Ticks * (1L << doublings), MaxDelay.Ticks));
    }
}
