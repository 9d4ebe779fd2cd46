namespace DeepSql.Server.Sql;

/// <summary>A statement of the model grammar (CREATE MODEL, DROP MODEL, SHOW MODELS).</summary>
public abstract record ModelStatement;

/// <summary>
/// <c>CREATE [OR REPLACE] MODEL name FROM ( query ) [USING backbone] [WITH ( key = literal, … )]</c>.
/// </summary>
/// <param name="Name">Model (function) name.</param>
/// <param name="Replace">OR REPLACE was given.</param>
/// <param name="Query">The text between the parentheses after FROM, as written.</param>
/// <param name="Backbone">USING name, or null for the default.</param>
/// <param name="Options">WITH options in the order written; keys lower-cased.</param>
public sealed record CreateModelStatement(string Name, bool Replace, string Query, string? Backbone,
    IReadOnlyList<ModelOption> Options) : ModelStatement;

/// <summary><c>DROP MODEL [IF EXISTS] name</c>.</summary>
public sealed record DropModelStatement(string Name, bool IfExists) : ModelStatement;

/// <summary><c>SHOW MODELS</c>.</summary>
public sealed record ShowModelsStatement : ModelStatement;

/// <summary>One <c>key = literal</c> of a WITH list.</summary>
/// <param name="Key">Lower-cased key.</param>
/// <param name="Value">double for a number, string for a string or bare word, bool for TRUE/FALSE.</param>
/// <param name="Position">1-based character position of the key (for error messages).</param>
public sealed record ModelOption(string Key, object Value, int Position);
