namespace InfusionAudit.Http.WebConsole;

/// <summary>A console file a request may read: its full path inside the console folder and its content type.</summary>
public sealed record ConsoleFile(string FullPath, string ContentType);
