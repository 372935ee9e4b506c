using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Hosting;

namespace Ticketing.FollowUp.Attachments;

/// <summary>Where attachments' bytes live; the case keeps what they are. Another store (object storage) replaces the default.</summary>
public interface IAttachmentStore
{
    Task SaveAsync(Guid caseId, Guid attachmentId, Stream content, CancellationToken cancellationToken);

    /// <summary>The stored bytes, or null when the store has none under that id.</summary>
    Task<Stream?> OpenAsync(Guid caseId, Guid attachmentId, CancellationToken cancellationToken);

    Task DeleteAsync(Guid caseId, Guid attachmentId, CancellationToken cancellationToken);
}

/// <summary>The embedded default: files under the data folder, <c>followup-attachments/{case}/{attachment}</c>.</summary>
public sealed class FileSystemAttachmentStore(IOptions<TicketingOptions> options) : IAttachmentStore
{
    public const string Folder = "followup-attachments";

    private readonly string _root = Path.Combine(Path.GetFullPath(options.Value.DataDir), Folder);

    public async Task SaveAsync(Guid caseId, Guid attachmentId, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(caseId, attachmentId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            await content.CopyToAsync(file, cancellationToken);
        File.Move(temporary, path, overwrite: true); // readers never see half a file
    }

    public Task<Stream?> OpenAsync(Guid caseId, Guid attachmentId, CancellationToken cancellationToken)
    {
        var path = PathOf(caseId, attachmentId);
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null);
    }

    public Task DeleteAsync(Guid caseId, Guid attachmentId, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(caseId, attachmentId));
        return Task.CompletedTask;
    }

    // Guids only: nothing a caller sends becomes part of the path.
    private string PathOf(Guid caseId, Guid attachmentId) => Path.Combine(_root, caseId.ToString("N"), attachmentId.ToString("N"));
}
