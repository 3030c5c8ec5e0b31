# Gazetteer sources, listed relative to data/.
set(BANDO_GAZETTEER_SOURCES
)
