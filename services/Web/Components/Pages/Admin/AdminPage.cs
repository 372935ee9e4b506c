using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Ticketing.Web.Api;
using Ticketing.Web.Languages;

namespace Ticketing.Web.Components.Pages.Admin;

/// <summary>
/// What every admin page does alike: calls a service, and shows its refusal (an RFC 7807 problem, in the user's language) instead of the
/// change; after a change the page reads its list again, so what it shows is what the service holds.
/// </summary>
public abstract class AdminPage : ComponentBase
{
    [Inject] private IStringLocalizer<Text> Words { get; set; } = null!;

    protected ApiProblem? Problem { get; set; }

    /// <summary>The confirmation of the last change that took effect, for the status line.</summary>
    protected string? Done { get; set; }

    /// <summary>The first read has answered: until then an empty list means nothing yet, not "none".</summary>
    protected bool Loaded { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        await ReadAsync(LoadAsync);
        Loaded = true;
    }

    /// <summary>Reads the page's data.</summary>
    protected abstract Task LoadAsync();

    /// <summary>The heading of the page's edit form: the focus goes there when the form opens, so the keyboard is where the eye is.</summary>
    protected ElementReference FormHeading { get; set; }

    private bool _focusForm;

    /// <summary>Opens (or fills) the edit form; the focus moves to its heading once it is drawn.</summary>
    protected void FocusFormNext() => _focusForm = true;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_focusForm) return;
        _focusForm = false;
        await FormHeading.FocusAsync();
    }

    /// <summary>A read: the problem shown if the service refuses.</summary>
    protected async Task ReadAsync(Func<Task> read)
    {
        try
        {
            await read();
        }
        catch (Exception exception) when (exception is Refit.ApiException or HttpRequestException or TaskCanceledException)
        {
            Problem = ApiProblem.From(exception, Words);
        }
    }

    /// <summary>A change: on success <paramref name="done"/> is said and the page reads again; on refusal the problem is shown and false returned.</summary>
    protected async Task<bool> ActAsync(Func<Task> act, string done)
    {
        (Problem, Done) = (null, null);
        try
        {
            await act();
        }
        catch (Exception exception) when (exception is Refit.ApiException or HttpRequestException or TaskCanceledException)
        {
            Problem = ApiProblem.From(exception, Words);
            return false;
        }
        Done = done;
        await ReadAsync(LoadAsync);
        return true;
    }

    /// <summary>"SFS-DC, SFS-XC" or one per line → the codes, trimmed, none empty.</summary>
    protected static List<string> Codes(string? text) =>
        [.. (text ?? "").Split([',', '，', ';', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
