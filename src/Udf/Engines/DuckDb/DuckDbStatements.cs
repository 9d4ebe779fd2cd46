using DeepSql.Udf.Sql;

namespace DeepSql.Udf.Engines.DuckDb;

/// <summary>Statement-level rules of the DuckDB engine: the command tag of a statement, statements it refuses.</summary>
public static class DuckDbStatements
{
    /// <summary>
    /// The leading keyword(s) of a statement for its command tag: SELECT (also for WITH, VALUES, SHOW, DESCRIBE,
    /// PRAGMA, EXPLAIN, FROM, TABLE, SUMMARIZE, CALL), INSERT, UPDATE, DELETE, CREATE TABLE, DROP VIEW, SET, BEGIN, ….
    /// </summary>
    public static string StatementKind(string sql)
    {
        var words = SqlText.LeadingWords(sql, 8);
        if (words.Count == 0)
        {
            return "EMPTY";
        }

        string first = words[0];
        switch (first)
        {
            case "SELECT" or "WITH" or "VALUES" or "SHOW" or "DESCRIBE" or "DESC" or "PRAGMA" or "EXPLAIN" or "FROM"
                or "TABLE" or "SUMMARIZE" or "CALL" or "PIVOT" or "UNPIVOT":
                return "SELECT";
            case "INSERT" or "UPDATE" or "DELETE" or "COPY" or "SET" or "RESET" or "ATTACH" or "DETACH" or "INSTALL"
                or "LOAD" or "CHECKPOINT" or "VACUUM" or "ANALYZE" or "EXPORT" or "IMPORT" or "PREPARE" or "EXECUTE"
                or "DEALLOCATE" or "USE" or "MERGE" or "COMMENT":
                return first;
            case "BEGIN" or "START":
                return "BEGIN";
            case "COMMIT" or "END":
                return "COMMIT";
            case "ROLLBACK" or "ABORT":
                return "ROLLBACK";
            case "TRUNCATE":
                return "TRUNCATE TABLE";
            case "CREATE" or "DROP" or "ALTER":
                foreach (var word in words.Skip(1))
                {
                    if (word is "OR" or "REPLACE" or "TEMP" or "TEMPORARY" or "UNIQUE" or "PERSISTENT" or "IF" or "NOT" or "EXISTS")
                    {
                        continue;
                    }

                    return $"{first} {(word == "MACRO" ? "FUNCTION" : word)}";
                }

                return first;
            default:
                return first;
        }
    }

    /// <summary>
    /// Why the engine refuses a statement outright, or null. DuckDB's allowed_directories admits writes as well as
    /// reads, so statements that write files or open other databases are refused here: COPY … TO, EXPORT DATABASE,
    /// ATTACH, INSTALL/LOAD, and SQL PREPARE of any of them. COPY table FROM file (a read) is allowed.
    /// </summary>
    public static string? RefusalReason(string sql)
    {
        var words = SqlText.LeadingWords(sql, 3);
        if (words.Count == 0)
        {
            return null;
        }

        switch (words[0])
        {
            case "ATTACH":
                return "ATTACH is not allowed: queries use the service's database only";
            case "EXPORT":
                return "EXPORT DATABASE is not allowed: the engine does not write files";
            case "INSTALL" or "LOAD":
            case "UPDATE" when words.Count > 1 && words[1] == "EXTENSIONS":
            case "FORCE" when words.Count > 1 && words[1] == "INSTALL":
                return "installing or loading extensions is not allowed";
            case "COPY" when !IsCopyFrom(sql):
                return "COPY … TO is not allowed: the engine does not write files (COPY table FROM file is)";
            case "PREPARE":
                {
                    var body = TextAfterKeyword(sql, "AS");
                    return body is null ? null : RefusalReason(body);
                }
            default:
                return null;
        }
    }

    // COPY [schema.]table [(columns)] FROM …: the only COPY that reads rather than writes.
    private static bool IsCopyFrom(string sql)
    {
        var code = SqlText.Tokenize(sql).Where(l => !l.IsTrivia).ToList();
        int i = code.FindIndex(l => l.IsWord("COPY")) + 1;
        if (i <= 0 || i >= code.Count || code[i].IsPunctuation('('))
        {
            return false;
        }

        // a possibly qualified, possibly quoted table name
        while (i < code.Count)
        {
            if (code[i].IsWord("FROM"))
            {
                return false; // COPY FROM DATABASE a TO b
            }

            if (code[i].Kind is not (SqlLexemeKind.Word or SqlLexemeKind.QuotedIdentifier))
            {
                return false;
            }

            i++;
            if (i < code.Count && code[i].IsPunctuation('.'))
            {
                i++;
                continue;
            }

            break;
        }

        if (i < code.Count && code[i].IsPunctuation('('))
        {
            for (int depth = 0; i < code.Count; i++)
            {
                if (code[i].IsPunctuation('('))
                {
                    depth++;
                }
                else if (code[i].IsPunctuation(')') && --depth == 0)
                {
                    i++;
                    break;
                }
            }
        }

        return i < code.Count && code[i].IsWord("FROM");
    }

    // The text after the first keyword outside strings and comments, or null.
    private static string? TextAfterKeyword(string sql, string keyword)
    {
        int at = 0;
        foreach (var lexeme in SqlText.Tokenize(sql))
        {
            at += lexeme.Text.Length;
            if (lexeme.IsWord(keyword))
            {
                return sql[at..];
            }
        }

        return null;
    }
}
