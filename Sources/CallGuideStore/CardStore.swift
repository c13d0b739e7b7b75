import CSQLite
import CallGuide

// TODO(store helper)
