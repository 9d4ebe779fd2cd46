using Xunit;

namespace DeepSql.Server.Tests.Catalog;

/// <summary>Each emulated relation has PostgreSQL 15's columns, in PostgreSQL's order (recorded from a real server).</summary>
public sealed class CatalogShapeTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    [Theory]
    [InlineData("pg_am", "oid,amname,amhandler,amtype")]
    [InlineData("pg_attrdef", "oid,adrelid,adnum,adbin")]
    [InlineData("pg_attribute", "attrelid,attname,atttypid,attstattarget,attlen,attnum,attndims,attcacheoff,atttypmod,attbyval,attalign,attstorage,attcompression,attnotnull,atthasdef,atthasmissing,attidentity,attgenerated,attisdropped,attislocal,attinhcount,attcollation,attacl,attoptions,attfdwoptions,attmissingval")]
    [InlineData("pg_authid", "oid,rolname,rolsuper,rolinherit,rolcreaterole,rolcreatedb,rolcanlogin,rolreplication,rolbypassrls,rolconnlimit,rolpassword,rolvaliduntil")]
    [InlineData("pg_class", "oid,relname,relnamespace,reltype,reloftype,relowner,relam,relfilenode,reltablespace,relpages,reltuples,relallvisible,reltoastrelid,relhasindex,relisshared,relpersistence,relkind,relnatts,relchecks,relhasrules,relhastriggers,relhassubclass,relrowsecurity,relforcerowsecurity,relispopulated,relreplident,relispartition,relrewrite,relfrozenxid,relminmxid,relacl,reloptions,relpartbound")]
    [InlineData("pg_collation", "oid,collname,collnamespace,collowner,collprovider,collisdeterministic,collencoding,collcollate,collctype,colliculocale,collversion")]
    [InlineData("pg_constraint", "oid,conname,connamespace,contype,condeferrable,condeferred,convalidated,conrelid,contypid,conindid,conparentid,confrelid,confupdtype,confdeltype,confmatchtype,conislocal,coninhcount,connoinherit,conkey,confkey,conpfeqop,conppeqop,conffeqop,confdelsetcols,conexclop,conbin")]
    [InlineData("pg_database", "oid,datname,datdba,encoding,datlocprovider,datistemplate,datallowconn,datconnlimit,datfrozenxid,datminmxid,dattablespace,datcollate,datctype,daticulocale,datcollversion,datacl")]
    [InlineData("pg_description", "objoid,classoid,objsubid,description")]
    [InlineData("pg_enum", "oid,enumtypid,enumsortorder,enumlabel")]
    [InlineData("pg_extension", "oid,extname,extowner,extnamespace,extrelocatable,extversion,extconfig,extcondition")]
    [InlineData("pg_index", "indexrelid,indrelid,indnatts,indnkeyatts,indisunique,indnullsnotdistinct,indisprimary,indisexclusion,indimmediate,indisclustered,indisvalid,indcheckxmin,indisready,indislive,indisreplident,indkey,indcollation,indclass,indoption,indexprs,indpred")]
    [InlineData("pg_indexes", "schemaname,tablename,indexname,tablespace,indexdef")]
    [InlineData("pg_inherits", "inhrelid,inhparent,inhseqno,inhdetachpending")]
    [InlineData("pg_language", "oid,lanname,lanowner,lanispl,lanpltrusted,lanplcallfoid,laninline,lanvalidator,lanacl")]
    [InlineData("pg_matviews", "schemaname,matviewname,matviewowner,tablespace,hasindexes,ispopulated,definition")]
    [InlineData("pg_namespace", "oid,nspname,nspowner,nspacl")]
    [InlineData("pg_proc", "oid,proname,pronamespace,proowner,prolang,procost,prorows,provariadic,prosupport,prokind,prosecdef,proleakproof,proisstrict,proretset,provolatile,proparallel,pronargs,pronargdefaults,prorettype,proargtypes,proallargtypes,proargmodes,proargnames,proargdefaults,protrftypes,prosrc,probin,prosqlbody,proconfig,proacl")]
    [InlineData("pg_range", "rngtypid,rngsubtype,rngmultitypid,rngcollation,rngsubopc,rngcanonical,rngsubdiff")]
    [InlineData("pg_roles", "rolname,rolsuper,rolinherit,rolcreaterole,rolcreatedb,rolcanlogin,rolreplication,rolconnlimit,rolpassword,rolvaliduntil,rolbypassrls,rolconfig,oid")]
    [InlineData("pg_sequences", "schemaname,sequencename,sequenceowner,data_type,start_value,min_value,max_value,increment_by,cycle,cache_size,last_value")]
    [InlineData("pg_settings", "name,setting,unit,category,short_desc,extra_desc,context,vartype,source,min_val,max_val,enumvals,boot_val,reset_val,sourcefile,sourceline,pending_restart")]
    [InlineData("pg_stat_activity", "datid,datname,pid,leader_pid,usesysid,usename,application_name,client_addr,client_hostname,client_port,backend_start,xact_start,query_start,state_change,wait_event_type,wait_event,state,backend_xid,backend_xmin,query_id,query,backend_type")]
    [InlineData("pg_stat_user_tables", "relid,schemaname,relname,seq_scan,seq_tup_read,idx_scan,idx_tup_fetch,n_tup_ins,n_tup_upd,n_tup_del,n_tup_hot_upd,n_live_tup,n_dead_tup,n_mod_since_analyze,n_ins_since_vacuum,last_vacuum,last_autovacuum,last_analyze,last_autoanalyze,vacuum_count,autovacuum_count,analyze_count,autoanalyze_count")]
    [InlineData("pg_tables", "schemaname,tablename,tableowner,tablespace,hasindexes,hasrules,hastriggers,rowsecurity")]
    [InlineData("pg_tablespace", "oid,spcname,spcowner,spcacl,spcoptions")]
    [InlineData("pg_type", "oid,typname,typnamespace,typowner,typlen,typbyval,typtype,typcategory,typispreferred,typisdefined,typdelim,typrelid,typsubscript,typelem,typarray,typinput,typoutput,typreceive,typsend,typmodin,typmodout,typanalyze,typalign,typstorage,typnotnull,typbasetype,typtypmod,typndims,typcollation,typdefaultbin,typdefault,typacl")]
    [InlineData("pg_user", "usename,usesysid,usecreatedb,usesuper,userepl,usebypassrls,passwd,valuntil,useconfig")]
    [InlineData("pg_views", "schemaname,viewname,viewowner,definition")]
    public void Relation_has_postgres_columns(string relation, string columns)
    {
        using var result = fixture.Session.Execute(fixture.Catalog.Rewrite($"SELECT * FROM pg_catalog.{relation} LIMIT 0"));

        Assert.Equal(columns.Split(','), result.Columns.Select(c => c.Name));
    }
}
