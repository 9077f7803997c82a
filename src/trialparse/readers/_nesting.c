/* Two walks of the decoded JSON a record keeps. Each has a pure-Python fallback, and the
 * package's output is the same with either:
 *
 * `verdict`: how deep it nests, and whether it holds a float that decoding may have made of a
 * long integer: the check `trialparse.readers.base.kept_json` makes by serialising, without
 * serialising. Both only ever send a record to the exact check (`check_depth`) or the exact
 * decoding (`exact_json`), never decide alone.
 *
 * `has_unknown`: whether it holds a key the v2 data model lacks (`v2._mapper._has_unknown`). */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

#define WITHIN 0
#define ROUNDED 1
#define OTHER 2
#define MAX_LEVELS 512

/* orjson reads an integer literal outside [-2**63, 2**64) as a float: the smallest magnitude of
 * such a float */
static const double ROUNDED_FROM = 9223372036854775808.0;

static int walk(PyObject *node, int levels);

static inline int
value(PyObject *item, int levels)
{
    PyTypeObject *type = Py_TYPE(item);
    if (type == &PyUnicode_Type || type == &PyLong_Type || type == &PyBool_Type
        || item == Py_None) {
        return WITHIN;
    }
    if (type == &PyFloat_Type) {
        return fabs(PyFloat_AS_DOUBLE(item)) >= ROUNDED_FROM ? ROUNDED : WITHIN;
    }
    return walk(item, levels);
}

/* WITHIN: `node` (an object or array) and every object and array in it take at most `levels`
 * levels, and no float in it is one decoding may have made of a long integer; ROUNDED: within,
 * but such a float is there; OTHER: deeper, or it holds a value that is not decoded JSON. */
static int
walk(PyObject *node, int levels)
{
    int found = WITHIN;
    int verdict;
    if (levels <= 0) {
        return OTHER;
    }
    if (PyDict_CheckExact(node)) {
        Py_ssize_t at = 0;
        PyObject *key;
        PyObject *item;
        while (PyDict_Next(node, &at, &key, &item)) {
            if (!PyUnicode_CheckExact(key)) {
                return OTHER;
            }
            verdict = value(item, levels - 1);
            if (verdict == OTHER) {
                return OTHER;
            }
            found |= verdict;
        }
        return found;
    }
    if (PyList_CheckExact(node)) {
        Py_ssize_t count = PyList_GET_SIZE(node);
        for (Py_ssize_t index = 0; index < count; index++) {
            verdict = value(PyList_GET_ITEM(node, index), levels - 1);
            if (verdict == OTHER) {
                return OTHER;
            }
            found |= verdict;
        }
        return found;
    }
    return OTHER;
}

static PyObject *
verdict(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    long levels;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "verdict(node, levels) takes two arguments");
        return NULL;
    }
    levels = PyLong_AsLong(args[1]);
    if (levels == -1 && PyErr_Occurred()) {
        return NULL;
    }
    /* the C stack holds one frame per level */
    if (levels > MAX_LEVELS) {
        levels = MAX_LEVELS;
    }
    return PyLong_FromLong(value(args[0], levels < 0 ? 0 : (int)levels));
}

/* -- the audit of kept content: a key the v2 data model lacks ---------------------------- */

#define FOUND 1
#define LEFT_TO_PYTHON 2
/* levels of objects followed below the content; past them (or at a key that is not exactly a
 * str, whose comparisons could run Python code) the caller audits it in Python */
#define MAX_AUDITED 512

static int unknown_at(PyObject *node, PyObject *schema, PyObject *known, PyObject *children,
                      int depth);

/* Whether object `obj` at `schema`, or an object below it, holds a key the schema lacks:
 * FOUND, 0, LEFT_TO_PYTHON, or -1 with an exception set. */
static int
unknown_in(PyObject *obj, PyObject *schema, PyObject *known, PyObject *children, int depth)
{
    Py_ssize_t at = 0;
    PyObject *key;
    PyObject *item;
    PyObject *keys = PyDict_GetItemWithError(known, schema);
    PyObject *below;
    if (keys == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetObject(PyExc_KeyError, schema);
        }
        return -1;
    }
    if (!PyAnySet_Check(keys)) {
        PyErr_SetString(PyExc_TypeError, "known must map each schema to a set of keys");
        return -1;
    }
    while (PyDict_Next(obj, &at, &key, &item)) {
        int has;
        if (!PyUnicode_CheckExact(key)) {
            return LEFT_TO_PYTHON;
        }
        has = PySet_Contains(keys, key);
        if (has <= 0) {
            return has < 0 ? -1 : FOUND;
        }
    }
    below = PyDict_GetItemWithError(children, schema);
    if (below == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    if (!PyDict_CheckExact(below)) {
        PyErr_SetString(PyExc_TypeError, "children must map each schema to a dict");
        return -1;
    }
    at = 0;
    while (PyDict_Next(below, &at, &key, &item)) {
        PyObject *value = PyDict_GetItemWithError(obj, key);
        int found;
        if (value == NULL) {
            if (PyErr_Occurred()) {
                return -1;
            }
            continue;
        }
        found = unknown_at(value, item, known, children, depth + 1);
        if (found != 0) {
            return found;
        }
    }
    return 0;
}

/* The objects at one schema position: `node` if it is an object, the objects of `node` if it
 * is an array (as `_mapper._objects_at` takes them). */
static int
unknown_at(PyObject *node, PyObject *schema, PyObject *known, PyObject *children, int depth)
{
    if (depth > MAX_AUDITED) {
        return LEFT_TO_PYTHON;
    }
    if (PyDict_CheckExact(node)) {
        return unknown_in(node, schema, known, children, depth);
    }
    if (PyList_CheckExact(node)) {
        for (Py_ssize_t index = 0; index < PyList_GET_SIZE(node); index++) {
            PyObject *item = PyList_GET_ITEM(node, index);
            if (PyDict_CheckExact(item)) {
                int found = unknown_in(item, schema, known, children, depth);
                if (found != 0) {
                    return found;
                }
            }
        }
    }
    return 0;
}

static PyObject *
has_unknown(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    int found;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError,
                        "has_unknown(value, schema, known, children) takes four arguments");
        return NULL;
    }
    if (!PyDict_CheckExact(args[2]) || !PyDict_CheckExact(args[3])) {
        PyErr_SetString(PyExc_TypeError, "known and children must be dicts");
        return NULL;
    }
    found = unknown_at(args[0], args[1], args[2], args[3], 0);
    if (found < 0) {
        return NULL;
    }
    if (found == LEFT_TO_PYTHON) {
        Py_RETURN_NONE;
    }
    return PyBool_FromLong(found == FOUND);
}

static PyMethodDef methods[] = {
    {"verdict", (PyCFunction)(void (*)(void))verdict, METH_FASTCALL,
     "verdict(node, levels) -> 0 within, 1 may hold a rounded float, 2 deeper or not JSON"},
    {"has_unknown", (PyCFunction)(void (*)(void))has_unknown, METH_FASTCALL,
     "has_unknown(value, schema, known, children) -> whether an object of `value` holds a key "
     "`known` lacks for its schema; None where it leaves the answer to Python"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_nesting", "Walks of decoded JSON that a record keeps.", -1, methods,
};

PyMODINIT_FUNC
PyInit__nesting(void)
{
    return PyModule_Create(&module);
}
